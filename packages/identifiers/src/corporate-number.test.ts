import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { arbDigitsWithJunk, arbRand, arbWrongLengthDigits, singleDigitMutations } from './arbitraries.ts';
import {
  corporateNumberCheckDigit,
  generateCorporateNumber,
  isValidCorporateNumber,
} from './corporate-number.ts';

describe('corporate number (法人番号)', () => {
  it("accepts 国税庁's own number 7000012050002", () => {
    // Base 000012050002 from the right: 2·1 + 5·1 + 2·1 + 1·2 = 11; 11 mod 9 = 2; 9 − 2 = 7.
    assert.equal(corporateNumberCheckDigit('000012050002'), 7);
    assert.equal(isValidCorporateNumber('7000012050002'), true);
    assert.equal(isValidCorporateNumber('8000012050002'), false);
  });

  it('never produces check digit 0, so a leading 0 is never valid', () => {
    assert.equal(corporateNumberCheckDigit('000000000000'), 9);
    assert.equal(isValidCorporateNumber('0000000000000'), false);
    fc.assert(fc.property(arbRand, (rand) => generateCorporateNumber(rand)[0] !== '0'));
  });

  it('generated numbers always validate', () => {
    fc.assert(fc.property(arbRand, (rand) => isValidCorporateNumber(generateCorporateNumber(rand))));
  });

  // Proof of the exact property: changing a base digit by δ (0 < |δ| ≤ 9) changes Σ by Qn·δ with
  // Qn ∈ {1, 2}; gcd(2, 9) = 1, so the remainder mod 9 is unchanged iff 9 | δ, i.e. the digit went
  // 0 ↔ 9. r ↦ 9 − r is one-to-one, so every other base change is caught. Example: 4084174415005 →
  // 4984174415005 is still valid. Changing the check digit leaves the base alone: always caught.
  it('a single-digit change is caught unless it swaps a base digit 0 ↔ 9', () => {
    assert.equal(isValidCorporateNumber('4084174415005'), true);
    assert.equal(isValidCorporateNumber('4984174415005'), true);
    fc.assert(
      fc.property(arbRand, (rand) => {
        const s = generateCorporateNumber(rand);
        for (const { pos, from, to, mutated } of singleDigitMutations(s)) {
          const missed = pos > 0 && from + to === 9 && (from === 0 || to === 0);
          assert.equal(isValidCorporateNumber(mutated), missed, `${s} → ${mutated}`);
        }
      }),
    );
  });

  it('rejects wrong lengths and non-digits', () => {
    for (const bad of [
      '',
      '700001205000',
      '70000120500020',
      '７000012050002',
      '7000-0120-5000-2',
      'T7000012050002',
    ]) {
      assert.equal(isValidCorporateNumber(bad), false, bad);
    }
    fc.assert(fc.property(arbWrongLengthDigits(13), (s) => !isValidCorporateNumber(s)));
    fc.assert(fc.property(arbDigitsWithJunk(13), (s) => !isValidCorporateNumber(s)));
  });

  it('corporateNumberCheckDigit rejects malformed input instead of guessing', () => {
    for (const bad of ['', '00001205000', '7000012050002', '00001205000x']) {
      assert.throws(() => corporateNumberCheckDigit(bad), RangeError);
    }
  });
});
