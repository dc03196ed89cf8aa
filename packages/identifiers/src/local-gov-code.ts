// 全国地方公共団体コード: 2-digit prefecture + 3-digit municipality + 1 trailing check digit,
// formula from 総務省「全国地方公共団体コード」仕様.
import { isAsciiDigits, randomDigits, toDigits } from './digits.ts';

const WEIGHTS = [6, 5, 4, 3, 2] as const;

/** Check digit for the first 5 digits: last digit of 11 − (Σ digit×weight mod 11). */
export function localGovCodeCheckDigit(first5: string): number {
  const d = toDigits(first5, 5, 'first5');
  let sum = 0;
  for (let i = 0; i < 5; i++) sum += (d[i] as number) * (WEIGHTS[i] as number);
  // r=0 → 11 → 1 and r=10 → 1 collide, so not every single-digit error is caught (see tests).
  return (11 - (sum % 11)) % 10;
}

/** True for exactly 6 ASCII digits whose last digit is the correct check digit (says nothing about the code being assigned). */
export function isValidLocalGovCode(s: string): boolean {
  if (!isAsciiDigits(s, 6)) return false;
  return localGovCodeCheckDigit(s.slice(0, 5)) === Number(s[5]);
}

/** A random, checksum-valid code (usually not an existing 団体). */
export function generateLocalGovCode(rand: () => number): string {
  const base = randomDigits(rand, 5);
  return base + String(localGovCodeCheckDigit(base));
}
