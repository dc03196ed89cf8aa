/**
 * 受付番号 (receipt numbers): `YYYYMMDD-NNNN-NNNN-C`, all digits so they can be read over the phone
 * and typed on any keypad. YYYYMMDD is the acceptance date in Japan time; NNNN-NNNN is a serial;
 * C is a Damm check digit over the 16 digits before it.
 *
 * Why Damm (H. Michael Damm, "Totally anti-symmetric quasigroups for all orders n ≠ 2, 6", Discrete
 * Mathematics 307 (2007) 715–729): one decimal digit that catches every single-digit error and every
 * transposition of adjacent digits, the two typos people make reading numbers aloud. ISO 7064
 * MOD 97-10 catches as much but needs two digits; Luhn misses 09↔90.
 */
import { randomInt } from 'node:crypto';
import { EApplicationError } from './errors.ts';

// The weakly totally anti-symmetric quasigroup of order 10 from Damm's thesis (2004), as published.
const DAMM_TABLE: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/** The Damm interim digit after consuming `digits`; 0 means a number ending in its check digit is valid. */
function dammInterim(digits: string): number {
  let interim = 0;
  for (const ch of digits) {
    const d = ch.charCodeAt(0) - 48;
    if (d < 0 || d > 9) throw new EApplicationError('receipt.invalid_input', 'digits only');
    interim = (DAMM_TABLE[interim] as readonly number[])[d] as number;
  }
  return interim;
}

export function dammCheckDigit(digits: string): number {
  return dammInterim(digits);
}

export function isValidDamm(digitsWithCheck: string): boolean {
  return /^\d+$/.test(digitsWithCheck) && dammInterim(digitsWithCheck) === 0;
}

const SERIAL_LIMIT = 100_000_000;
const tokyoDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** YYYYMMDD of `at` in Japan time: a submission at 23:30 JST on the 1st belongs to the 1st. */
function japanDay(at: Date): string {
  return tokyoDate.format(at).replaceAll('-', '');
}

/**
 * From a sequence (e.g. a per-day database sequence). Gap-free and collision-free, but it tells
 * anyone holding two receipts how many applications came in between; prefer the random form unless
 * an office asks for consecutive numbers.
 */
export function receiptNumberFromSequence(at: Date, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 0 || sequence >= SERIAL_LIMIT) {
    throw new EApplicationError('receipt.invalid_input', 'sequence must be 0..99999999');
  }
  return assemble(japanDay(at), String(sequence).padStart(8, '0'));
}

/**
 * From a CSPRNG: 10^8 serials per day. Collisions are possible (about 0.5% of days see one at
 * 1,000 receipts a day), so store under a unique constraint and draw again on conflict.
 */
export function randomReceiptNumber(at: Date, random: (limit: number) => number = randomInt): string {
  return receiptNumberFromSequence(at, random(SERIAL_LIMIT));
}

function assemble(day: string, serial: string): string {
  const check = dammCheckDigit(day + serial);
  return `${day}-${serial.slice(0, 4)}-${serial.slice(4)}-${check}`;
}

export type ParsedReceiptNumber = {
  /** Canonical spelling, ASCII with hyphens. */
  receiptNumber: string;
  /** ISO date (YYYY-MM-DD) of acceptance, Japan time. */
  date: string;
  serial: string;
};

export type ReceiptNumberParse =
  | { ok: true; value: ParsedReceiptNumber }
  | { ok: false; reason: 'malformed' | 'bad_date' | 'check_failed' };

// Dashes a resident may type or paste: hyphen-minus, hyphen, non-breaking hyphen, figure dash,
// en/em dash, minus sign, katakana-hiragana prolonged sound mark, halfwidth prolonged mark.
const DASHES = /[-‐‑‒–—−ーｰ]/g;

/**
 * Accepts what a person is likely to type (full-width digits, any dash, spaces, or no separators)
 * and rejects anything whose date is not a calendar day or whose check digit does not match.
 */
export function parseReceiptNumber(input: string): ReceiptNumberParse {
  const compact = input.normalize('NFKC').replace(/\s/g, '').replace(DASHES, '-');
  const match = /^(\d{8})-?(\d{4})-?(\d{4})-?(\d)$/.exec(compact);
  if (match === null) return { ok: false, reason: 'malformed' };
  const [, day, serialHigh, serialLow, check] = match as unknown as [string, string, string, string, string];
  const date = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    return { ok: false, reason: 'bad_date' };
  }
  const serial = serialHigh + serialLow;
  if (!isValidDamm(day + serial + check)) return { ok: false, reason: 'check_failed' };
  return { ok: true, value: { receiptNumber: `${day}-${serialHigh}-${serialLow}-${check}`, date, serial } };
}
