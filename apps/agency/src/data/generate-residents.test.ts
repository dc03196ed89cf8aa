import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidMyNumber } from '@madoguchi/identifiers';
import { demoMunicipalities } from '@madoguchi/reference';
import { generateResidents } from './generate-residents.ts';

describe('generateResidents', () => {
  const residents = [...generateResidents(5000, demoMunicipalities)];

  it('is deterministic', () => {
    const again = [...generateResidents(5000, demoMunicipalities)];
    assert.deepEqual(again, residents);
    const other = [...generateResidents(10, demoMunicipalities, 7)];
    assert.notDeepEqual(other, residents.slice(0, 10));
  });

  it('gives every resident a valid, unique My Number and a unique id', () => {
    assert.equal(residents.length, 5000);
    assert.ok(residents.every((r) => isValidMyNumber(r.my_number)));
    assert.equal(new Set(residents.map((r) => r.my_number)).size, 5000);
    assert.equal(new Set(residents.map((r) => r.id)).size, 5000);
  });

  it('builds households whose children are younger than their head and share the address', () => {
    const byHousehold = Map.groupBy(residents, (r) => r.household_id);
    let withChildren = 0;
    for (const members of byHousehold.values()) {
      const head = members.find((m) => m.relationship === 'head');
      if (!head) continue; // the last household may be cut short by the count
      for (const m of members) {
        assert.equal(m.address, head.address);
        assert.equal(m.municipality_code, head.municipality_code);
        if (m.relationship === 'child')
          assert.ok(m.birth_date > head.birth_date, `${m.birth_date} > ${head.birth_date}`);
      }
      if (members.some((m) => m.relationship === 'child')) withChildren++;
    }
    assert.ok(
      withChildren > byHousehold.size / 3,
      `${withChildren} of ${byHousehold.size} households have children`,
    );
    for (const code of demoMunicipalities)
      assert.ok(
        residents.some((r) => r.municipality_code === code),
        code,
      );
  });

  it('writes names in kanji with katakana readings and real addresses', () => {
    for (const r of residents.slice(0, 200)) {
      assert.match(r.family_kana, /^[\u30a0-\u30ff]+$/);
      assert.match(r.given_kana, /^[\u30a0-\u30ff]+$/);
      assert.match(r.address, /^(東京都|北海道).+\d+丁目\d+番\d+号$/);
      assert.match(r.birth_date, /^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
