// 法人番号 (corporate number): 1 LEADING check digit + 12 base digits,
// formula from 法人番号の指定等に関する省令 第2条.
import { isAsciiDigits, randomDigits, toDigits } from './digits.ts';

/** Check digit for the 12 base digits (the number without its first digit). Always 1..9, never 0. */
export function corporateNumberCheckDigit(base12: string): number {
  const d = toDigits(base12, 12, 'base12');
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    // Pn counts from the right; Qn = 1 for odd n, 2 for even n.
    sum += (d[12 - n] as number) * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

/** True for exactly 13 ASCII digits whose first digit is the correct check digit. */
export function isValidCorporateNumber(s: string): boolean {
  if (!isAsciiDigits(s, 13)) return false;
  return corporateNumberCheckDigit(s.slice(1)) === Number(s[0]);
}

/** A random, checksum-valid 法人番号 (not necessarily one that was ever assigned). */
export function generateCorporateNumber(rand: () => number): string {
  const base = randomDigits(rand, 12);
  return String(corporateNumberCheckDigit(base)) + base;
}
