/**
 * Dates shown to people: 西暦 and 和暦 together, because forms and letters in Japan use both.
 * The Japanese calendar comes from ICU through Intl, not from a hand-made era table.
 */
const warekiFormat = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'Asia/Tokyo',
});
const seirekiFormat = new Intl.DateTimeFormat('ja-JP', {
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'Asia/Tokyo',
});
const englishFormat = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'Asia/Tokyo',
});

function toDate(value: string | Date): Date {
  if (value instanceof Date) return value;
  // A bare calendar day is a day in Japan, not UTC midnight.
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+09:00`) : new Date(value);
}

export function formatWareki(value: string | Date): string {
  return warekiFormat.format(toDate(value));
}

export function formatDate(value: string | Date, lang: 'ja' | 'en'): string {
  const d = toDate(value);
  return lang === 'ja' ? `${seirekiFormat.format(d)}（${warekiFormat.format(d)}）` : englishFormat.format(d);
}
