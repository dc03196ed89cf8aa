/**
 * 和暦 entry for date fields (`calendar: 'wareki' | 'both'`): the form value is always ISO 8601, the
 * resident may type 令和6年4月1日. Era start dates are those of the 元号 proclamations; a date outside
 * its era (平成32年, 令和元年4月) is refused rather than silently rolled over.
 */

export const eras = [
  { name: '令和', start: '2019-05-01' },
  { name: '平成', start: '1989-01-08' },
  { name: '昭和', start: '1926-12-25' },
  { name: '大正', start: '1912-07-30' },
  { name: '明治', start: '1868-01-25' },
] as const;
export type EraName = (typeof eras)[number]['name'];

const iso = (y: number, m: number, d: number): string | null => {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
};

/** ISO date of an era date, or null when it does not exist or falls outside the era. */
export function warekiToIso(era: EraName, year: number, month: number, day: number): string | null {
  const i = eras.findIndex((e) => e.name === era);
  const e = eras[i];
  if (!e || !Number.isInteger(year) || year < 1) return null;
  const out = iso(Number(e.start.slice(0, 4)) + year - 1, month, day);
  if (!out || out < e.start) return null;
  const next = eras[i - 1];
  return next && out >= next.start ? null : out;
}

/** Parses 令和6年4月1日 / 令和元年5月1日 (full-width digits accepted). */
export function parseWareki(text: string): string | null {
  const half = text.normalize('NFKC').replace(/\s/g, '');
  const m = /^(令和|平成|昭和|大正|明治)(元|\d{1,2})年(\d{1,2})月(\d{1,2})日$/.exec(half);
  if (!m) return null;
  const year = m[2] === '元' ? 1 : Number(m[2]);
  return warekiToIso(m[1] as EraName, year, Number(m[3]), Number(m[4]));
}

/** The era date of an ISO date, for showing a stored value in 和暦. */
export function isoToWareki(
  isoDate: string,
): { era: EraName; year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m || iso(Number(m[1]), Number(m[2]), Number(m[3])) !== isoDate) return null;
  const e = eras.find((x) => isoDate >= x.start);
  if (!e) return null;
  return {
    era: e.name,
    year: Number(m[1]) - Number(e.start.slice(0, 4)) + 1,
    month: Number(m[2]),
    day: Number(m[3]),
  };
}
