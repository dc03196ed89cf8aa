import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  dammCheckDigit,
  isValidDamm,
  parseReceiptNumber,
  randomReceiptNumber,
  receiptNumberFromSequence,
} from './receipt-number.ts';

describe('Damm check digit', () => {
  it('published example: 572 → check digit 4, 5724 validates', () => {
    // The worked example in the Damm algorithm literature (e.g. Wikipedia, "Damm algorithm").
    assert.equal(dammCheckDigit('572'), 4);
    assert.equal(isValidDamm('5724'), true);
    assert.equal(isValidDamm('5723'), false);
  });

  it('catches every single-digit substitution and every adjacent transposition', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{16}$/), (base) => {
        const full = base + dammCheckDigit(base);
        for (let i = 0; i < full.length; i++) {
          for (let d = 0; d <= 9; d++) {
            if (String(d) === full[i]) continue;
            if (isValidDamm(full.slice(0, i) + d + full.slice(i + 1))) return false;
          }
          const a = full[i] as string;
          const b = full[i + 1];
          if (b !== undefined && a !== b && isValidDamm(full.slice(0, i) + b + a + full.slice(i + 2)))
            return false;
        }
        return isValidDamm(full);
      }),
      { numRuns: 300 },
    );
  });
});

describe('receipt numbers (受付番号)', () => {
  // 2026-11-23T15:30Z is 2026-11-24 00:30 in Japan: the receipt date follows Japan time.
  const at = new Date('2026-11-23T15:30:00Z');

  it('formats YYYYMMDD-NNNN-NNNN-C in Japan time with a Damm check over the 16 digits', () => {
    const number = receiptNumberFromSequence(at, 42);
    assert.match(number, /^20261124-0000-0042-\d$/);
    assert.equal(number.at(-1), String(dammCheckDigit('2026112400000042')));
    assert.throws(() => receiptNumberFromSequence(at, 100_000_000));
    assert.throws(() => receiptNumberFromSequence(at, -1));
  });

  it('random numbers use the given source and always parse', () => {
    assert.match(
      randomReceiptNumber(at, () => 12345678),
      /^20261124-1234-5678-\d$/,
    );
    for (let i = 0; i < 50; i++) assert.equal(parseReceiptNumber(randomReceiptNumber(at)).ok, true);
  });

  it('parses what people type: full-width digits, other dashes, spaces, no separators', () => {
    const canonical = receiptNumberFromSequence(at, 12345678);
    const check = canonical.at(-1) as string;
    const fullWidth = `２０２６１１２４ー１２３４ー５６７８ー${String.fromCharCode(0xff10 + Number(check))}`;
    for (const typed of [
      canonical,
      ` ${canonical} `,
      `2026112412345678${check}`,
      fullWidth,
      canonical.replaceAll('-', '−'),
    ]) {
      const parsed = parseReceiptNumber(typed);
      assert.deepEqual(parsed, {
        ok: true,
        value: { receiptNumber: canonical, date: '2026-11-24', serial: '12345678' },
      });
    }
  });

  it('rejects typos, impossible dates and junk', () => {
    const canonical = receiptNumberFromSequence(at, 12345678);
    const swapped = canonical.replace('1234-5678', '1234-5687');
    assert.deepEqual(parseReceiptNumber(swapped), { ok: false, reason: 'check_failed' });
    const changed = canonical.replace('1234-5678', '1234-5679');
    assert.deepEqual(parseReceiptNumber(changed), { ok: false, reason: 'check_failed' });
    assert.deepEqual(parseReceiptNumber('20260230-0000-0001-0'), { ok: false, reason: 'bad_date' });
    assert.deepEqual(parseReceiptNumber('2026-1124-1234-5678'), { ok: false, reason: 'malformed' });
    assert.deepEqual(parseReceiptNumber('ABCD1124-1234-5678-0'), { ok: false, reason: 'malformed' });
    assert.deepEqual(parseReceiptNumber(''), { ok: false, reason: 'malformed' });
  });
});
