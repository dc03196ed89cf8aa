import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allAgencies, nationalAgencies } from '@madoguchi/reference';
import { kindOfAgency } from './kind-of-agency.ts';

describe('kindOfAgency', () => {
  it('maps municipalities, special wards and designated-city wards to municipality', () => {
    assert.equal(kindOfAgency('131016'), 'municipality'); // 千代田区
    assert.equal(kindOfAgency('011002'), 'municipality'); // 札幌市
    assert.equal(kindOfAgency('011011'), 'municipality'); // 札幌市中央区
  });

  it('maps prefectures', () => {
    assert.equal(kindOfAgency('130001'), 'prefecture'); // 東京都
    assert.equal(kindOfAgency('010006'), 'prefecture'); // 北海道
  });

  it('maps the national bodies in the registry', () => {
    assert.equal(kindOfAgency('jps'), 'national:nenkin');
    assert.equal(kindOfAgency('kyokai-kenpo'), 'insurer:kyokai-kenpo');
    assert.equal(kindOfAgency('nta'), 'national:nta');
    for (const a of nationalAgencies) assert.notEqual(kindOfAgency(a.code), null, a.code);
  });

  it('refuses bad check digits, impossible prefectures and unknown ids', () => {
    assert.equal(kindOfAgency('131017'), null);
    assert.equal(kindOfAgency('991007'), null);
    assert.equal(kindOfAgency('13101'), null);
    assert.equal(kindOfAgency('toString'), null);
    assert.equal(kindOfAgency(''), null);
  });

  it('agrees with the registry for every agency it holds', () => {
    for (const a of allAgencies()) {
      const want =
        a.kind === 'prefecture' ? 'prefecture' : a.kind === 'national' ? undefined : 'municipality';
      if (want !== undefined) assert.equal(kindOfAgency(a.code), want, `${a.code} ${a.name}`);
    }
  });
});
