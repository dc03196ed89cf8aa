// 個人番号 (My Number): 11 base digits + 1 trailing check digit,
// formula from 行政手続における特定の個人を識別するための番号の利用等に関する法律施行令 第8条.
import { isAsciiDigits, randomDigits, toDigits } from './digits.ts';

/** Check digit for the first 11 digits of a 個人番号. Throws RangeError unless given 11 ASCII digits. */
export function myNumberCheckDigit(first11: string): number {
  const d = toDigits(first11, 11, 'first11');
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    // Pn counts from the right; Qn = n+1 for n<=6, n-5 for n>=7.
    const p = d[11 - n] as number;
    sum += p * (n <= 6 ? n + 1 : n - 5);
  }
  const r = sum % 11;
  // r=0 and r=1 both map to 0, so this code does not catch every single-digit error (see tests).
  return r <= 1 ? 0 : 11 - r;
}

/** True for exactly 12 ASCII digits whose last digit is the correct check digit. */
export function isValidMyNumber(s: string): boolean {
  if (!isAsciiDigits(s, 12)) return false;
  return myNumberCheckDigit(s.slice(0, 11)) === Number(s[11]);
}

/** A random, checksum-valid 個人番号 (not necessarily one that was ever issued). */
export function generateMyNumber(rand: () => number): string {
  const base = randomDigits(rand, 11);
  return base + String(myNumberCheckDigit(base));
}
