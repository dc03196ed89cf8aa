import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  arbDigitsWithJunk,
  arbRand,
  arbWrongLengthDigits,
  singleDigitMutations,
  weightedMod,
} from './arbitraries.ts';
import { generateMyNumber, isValidMyNumber, myNumberCheckDigit } from './my-number.ts';

// Qn read left to right over the 11 base digits (n = 11 at the left … n = 1 at the right).
const WEIGHTS_LTR = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

describe('my number (個人番号)', () => {
  it('accepts the published example 123456789018', () => {
    assert.equal(myNumberCheckDigit('12345678901'), 8);
    assert.equal(isValidMyNumber('123456789018'), true);
    assert.equal(isValidMyNumber('123456789017'), false);
  });

  it('maps remainders 0 and 1 to check digit 0', () => {
    // 60682474223: Σ = 198 ≡ 0 (mod 11); 80682474223: Σ = 210 ≡ 1.
    assert.equal(myNumberCheckDigit('60682474223'), 0);
    assert.equal(myNumberCheckDigit('80682474223'), 0);
  });

  it('generated numbers always validate', () => {
    fc.assert(fc.property(arbRand, (rand) => isValidMyNumber(generateMyNumber(rand))));
  });

  // Proof of the exact property: changing base digit Pn by δ (0 < |δ| ≤ 9) changes Σ by Qn·δ with
  // Qn ∈ 2..7; 11 is prime and divides neither factor, so the remainder r always changes. The map
  // r ↦ check is one-to-one on 2..10 (→ 9..1) but sends BOTH 0 and 1 to 0, so the change is missed
  // exactly when the remainders are {0, 1}. Example: 606824742230 → 806824742230 is still valid.
  // Changing the check digit itself leaves the base (hence the expected check) alone: always caught.
  it('a single-digit change is caught unless it moves the remainder between 0 and 1', () => {
    assert.equal(isValidMyNumber('606824742230'), true);
    assert.equal(isValidMyNumber('806824742230'), true);
    fc.assert(
      fc.property(arbRand, (rand) => {
        const s = generateMyNumber(rand);
        const r = weightedMod(s, WEIGHTS_LTR, 11);
        for (const { pos, mutated } of singleDigitMutations(s)) {
          const r2 = weightedMod(mutated, WEIGHTS_LTR, 11);
          const missed = pos < 11 && r + r2 === 1; // {r, r2} = {0, 1}
          assert.equal(isValidMyNumber(mutated), missed, `${s} → ${mutated}`);
        }
      }),
    );
  });

  it('rejects wrong lengths and non-digits', () => {
    for (const bad of [
      '',
      '12345678901',
      '1234567890180',
      '12345678901８',
      '１２３４５６７８９０１８',
      ' 23456789018',
      '1234-5678-9018',
    ]) {
      assert.equal(isValidMyNumber(bad), false, bad);
    }
    fc.assert(fc.property(arbWrongLengthDigits(12), (s) => !isValidMyNumber(s)));
    fc.assert(fc.property(arbDigitsWithJunk(12), (s) => !isValidMyNumber(s)));
  });

  it('myNumberCheckDigit rejects malformed input instead of guessing', () => {
    for (const bad of ['', '1234567890', '123456789012', '1234567890a']) {
      assert.throws(() => myNumberCheckDigit(bad), RangeError);
    }
  });
});
