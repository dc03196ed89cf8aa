import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { arbRand } from './arbitraries.ts';
import { generateCorporateNumber, generateLocalGovCode, generateMyNumber, identify } from './index.ts';

describe('identify', () => {
  it('classifies by normalized length and validates', () => {
    assert.deepEqual(identify('123456789018'), {
      kind: 'my_number',
      valid: true,
      normalized: '123456789018',
    });
    assert.deepEqual(identify('123456789017'), {
      kind: 'my_number',
      valid: false,
      normalized: '123456789017',
    });
    assert.deepEqual(identify('7000012050002'), {
      kind: 'corporate_number',
      valid: true,
      normalized: '7000012050002',
    });
    assert.deepEqual(identify('131016'), { kind: 'local_gov_code', valid: true, normalized: '131016' });
    assert.deepEqual(identify('131017'), { kind: 'local_gov_code', valid: false, normalized: '131017' });
  });

  it('strips spaces and hyphens', () => {
    assert.deepEqual(identify('1234 5678 9018'), {
      kind: 'my_number',
      valid: true,
      normalized: '123456789018',
    });
    assert.deepEqual(identify('1234-5678-9018'), {
      kind: 'my_number',
      valid: true,
      normalized: '123456789018',
    });
    assert.deepEqual(identify(' 7-0000-1205-0002 '), {
      kind: 'corporate_number',
      valid: true,
      normalized: '7000012050002',
    });
    assert.deepEqual(identify('13101-6'), { kind: 'local_gov_code', valid: true, normalized: '131016' });
  });

  it('accepts full-width digits, spaces and dashes', () => {
    assert.deepEqual(identify('１２３４５６７８９０１８'), {
      kind: 'my_number',
      valid: true,
      normalized: '123456789018',
    });
    assert.deepEqual(identify('１２３４　５６７８　９０１８'), {
      kind: 'my_number',
      valid: true,
      normalized: '123456789018',
    });
    assert.deepEqual(identify('１２３４－５６７８－９０１８'), {
      kind: 'my_number',
      valid: true,
      normalized: '123456789018',
    });
    assert.deepEqual(identify('７０００ー０１２０ー５０００ー２'), {
      kind: 'corporate_number',
      valid: true,
      normalized: '7000012050002',
    });
    assert.deepEqual(identify('０１１００２'), { kind: 'local_gov_code', valid: true, normalized: '011002' });
  });

  it('returns unknown for other lengths', () => {
    for (const input of ['', '   ', '12345', '1234567', '12345678901', '12345678901234', '-']) {
      const got = identify(input);
      assert.equal(got.kind, 'unknown', input);
      assert.equal(got.valid, false, input);
    }
    assert.equal(identify('1 2 3 4 5').normalized, '12345');
  });

  it('marks non-digits invalid while keeping the length-based kind', () => {
    assert.deepEqual(identify('12345678901a'), {
      kind: 'my_number',
      valid: false,
      normalized: '12345678901a',
    });
    assert.deepEqual(identify('T000012050002'), {
      kind: 'corporate_number',
      valid: false,
      normalized: 'T000012050002',
    });
    assert.deepEqual(identify('13101.').valid, false);
    assert.deepEqual(identify('abcdef'), { kind: 'local_gov_code', valid: false, normalized: 'abcdef' });
  });

  it('round-trips every generated number', () => {
    fc.assert(
      fc.property(arbRand, (rand) => {
        const cases = [
          [generateMyNumber(rand), 'my_number'],
          [generateCorporateNumber(rand), 'corporate_number'],
          [generateLocalGovCode(rand), 'local_gov_code'],
        ] as const;
        for (const [s, kind] of cases) assert.deepEqual(identify(s), { kind, valid: true, normalized: s });
      }),
    );
  });
});
