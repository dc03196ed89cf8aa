import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PkiError } from './errors.ts';
import { fromEraBirthDate, readBasicFacts, toEraBirthDate } from './facts.ts';

describe('era birth dates', () => {
  it('puts each date in its era by the real first day', () => {
    const vectors: [string, string][] = [
      ['1985-04-01', '319850401'],
      ['1873-01-01', '118730101'],
      ['1912-07-29', '119120729'],
      ['1912-07-30', '219120730'],
      ['1926-12-24', '219261224'],
      ['1926-12-25', '319261225'],
      ['1989-01-07', '319890107'],
      ['1989-01-08', '419890108'],
      ['2019-04-30', '420190430'],
      ['2019-05-01', '520190501'],
    ];
    for (const [iso, era] of vectors) {
      assert.equal(toEraBirthDate(iso), era, iso);
      assert.equal(fromEraBirthDate(era), iso, era);
    }
  });

  it('refuses dates before 1873, non-dates, and an era that does not match', () => {
    const isPki = (e: unknown) => e instanceof PkiError;
    for (const bad of ['1872-12-31', '1985-02-30', '1985-4-1', '', '19850401'])
      assert.throws(() => toEraBirthDate(bad), isPki, bad);
    for (const bad of [
      '419890107',
      '319890108',
      '520190430',
      '619850401',
      '31985041',
      '319850230',
      'x19850401',
    ]) {
      assert.throws(
        () => fromEraBirthDate(bad),
        (e) => e instanceof PkiError && e.code === 'certificate.malformed',
        bad,
      );
    }
  });
});

describe('readBasicFacts', () => {
  it('gives certificate.malformed for a non-certificate', () => {
    assert.throws(
      () => readBasicFacts('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'),
      (e) => e instanceof PkiError && e.code === 'certificate.malformed',
    );
    assert.throws(
      () => readBasicFacts(Buffer.from('garbage')),
      (e) => e instanceof PkiError && e.code === 'certificate.malformed',
    );
  });
});
