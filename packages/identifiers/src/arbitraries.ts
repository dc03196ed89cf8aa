// Shared helpers for the *.test.ts files (not exported from index.ts).
import fc from 'fast-check';

/**
 * A caller-style PRNG (floats in [0,1)) built from a fast-check array, so a failure
 * shrinks to a short, readable list instead of an opaque seed. Cycles through the list.
 */
export const arbRand: fc.Arbitrary<() => number> = fc
  .array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1, maxLength: 16 })
  .map((xs) => {
    let i = 0;
    return () => xs[i++ % xs.length] as number;
  });

export interface Mutation {
  pos: number;
  from: number;
  to: number;
  mutated: string;
}

/** Every string obtained by replacing exactly one digit of `s` with a different digit. */
export function singleDigitMutations(s: string): Mutation[] {
  const out: Mutation[] = [];
  for (let pos = 0; pos < s.length; pos++) {
    const from = Number(s[pos]);
    for (let to = 0; to <= 9; to++) {
      if (to !== from) out.push({ pos, from, to, mutated: s.slice(0, pos) + to + s.slice(pos + 1) });
    }
  }
  return out;
}

/** Σ digit×weight mod m, with weights listed left to right — an independent restatement of each scheme for tests. */
export function weightedMod(digits: string, weights: readonly number[], m: number): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * (weights[i] as number);
  return sum % m;
}

/** Strings of `length` chars that are digits except for at least one non-digit. */
export function arbDigitsWithJunk(length: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length }),
      fc.nat({ max: length - 1 }),
      fc.constantFrom('a', 'Z', ' ', '-', '+', '.', '０', '９', '٣', 'é', '\n'),
    )
    .map(([s, i, junk]) => s.slice(0, i) + junk + s.slice(i + 1));
}

/** Digit strings of any length in 0..20 other than `length`. */
export function arbWrongLengthDigits(length: number): fc.Arbitrary<string> {
  return fc
    .string({ unit: fc.constantFrom(...'0123456789'), minLength: 0, maxLength: 20 })
    .filter((s) => s.length !== length);
}
