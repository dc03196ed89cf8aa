import { PkiError } from './errors.ts';

/**
 * Japanese eras by their first day (Gregorian). 明治 is supported only from 1873-01-01, when Japan
 * switched to the Gregorian calendar; earlier dates have no day-for-day Gregorian equivalent here.
 */
const eras = [
  { digit: 1, name: '明治', start: '1873-01-01' },
  { digit: 2, name: '大正', start: '1912-07-30' },
  { digit: 3, name: '昭和', start: '1926-12-25' },
  { digit: 4, name: '平成', start: '1989-01-08' },
  { digit: 5, name: '令和', start: '2019-05-01' },
] as const;

/** True when `value` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function eraDigitOf(isoDate: string): number | undefined {
  let digit: number | undefined;
  // ISO dates compare correctly as strings.
  for (const era of eras) if (isoDate >= era.start) digit = era.digit;
  return digit;
}

/** '1985-04-01' → '319850401': the era digit, then the Gregorian date (the JPKI birth-date format). */
export function toEraBirthDate(isoDate: string): string {
  if (!isIsoDate(isoDate)) throw new PkiError('request.invalid', 'birth date is not YYYY-MM-DD');
  const digit = eraDigitOf(isoDate);
  if (digit === undefined) throw new PkiError('request.invalid', `birth date before ${eras[0].start}`);
  return `${digit}${isoDate.replaceAll('-', '')}`;
}

/** '319850401' → '1985-04-01'; the era digit must be the era the date falls in. */
export function fromEraBirthDate(value: string): string {
  const m = /^([1-5])(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!m) throw new PkiError('certificate.malformed', 'birth date is not EYYYYMMDD');
  const iso = `${m[2]}-${m[3]}-${m[4]}`;
  if (!isIsoDate(iso)) throw new PkiError('certificate.malformed', 'birth date is not a calendar date');
  if (eraDigitOf(iso) !== Number(m[1])) {
    throw new PkiError('certificate.malformed', 'birth date era does not match the date');
  }
  return iso;
}
