// Internal helpers shared by the three check-digit schemes.

/** True when `s` is exactly `length` ASCII digits (full-width digits are rejected here; identify() normalizes them). */
export function isAsciiDigits(s: string, length: number): boolean {
  return s.length === length && /^[0-9]+$/.test(s);
}

/** Parses an ASCII digit string, throwing on anything else so a bad base never yields a plausible check digit. */
export function toDigits(s: string, length: number, what: string): number[] {
  if (!isAsciiDigits(s, length)) {
    throw new RangeError(`${what} must be exactly ${length} ASCII digits`);
  }
  return Array.from(s, (c) => c.charCodeAt(0) - 48);
}

/** `length` random digits from a caller-supplied PRNG in [0,1); clamped so a PRNG that returns 1 cannot yield "10". */
export function randomDigits(rand: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out += String(Math.min(9, Math.max(0, Math.floor(rand() * 10))));
  }
  return out;
}
