import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoMunicipalities } from '@madoguchi/reference';
import { generateResidents } from '../../data/generate-residents.ts';
import { ageOn, type DemoMember, householdModel } from './demo-model.ts';
import { childAllowance, municipalRecords } from './municipal-records.ts';
import { copyHolders, nationalRecords } from './national-records.ts';

function households(count: number): DemoMember[][] {
  const byHousehold = new Map<string, DemoMember[]>();
  for (const r of generateResidents(count, demoMunicipalities)) {
    const m: DemoMember = {
      id: r.id,
      municipalityCode: r.municipality_code,
      householdId: r.household_id,
      fugo: `F${r.id.replaceAll('-', '').slice(0, 21)}`,
      familyName: r.family_name,
      givenName: r.given_name,
      familyKana: r.family_kana,
      givenKana: r.given_kana,
      birthDate: r.birth_date,
      sex: r.sex,
      address: r.address,
      relationship: r.relationship,
    };
    byHousehold.set(m.householdId, [...(byHousehold.get(m.householdId) ?? []), m]);
  }
  return [...byHousehold.values()];
}

const value = (fields: { key: string; value: unknown }[], key: string) =>
  fields.find((f) => f.key === key)?.value;

describe('demo records', () => {
  const all = households(3000);

  it('names exactly the household’s children under 18 in the head’s 児童手当, with 2024-10 amounts', () => {
    let checked = 0;
    for (const members of all) {
      const h = householdModel(members);
      const records = municipalRecords(h);
      const head = members.find((m) => m.relationship === 'head') as DemoMember;
      const allowance = records.filter((r) => r.infoType === 'jidou-teate');
      const children = members
        .filter((m) => m.relationship === 'child' && ageOn(m.birthDate) < 18)
        .sort((a, b) => a.birthDate.localeCompare(b.birthDate));
      if (children.length === 0) {
        assert.equal(allowance.length, 0);
        continue;
      }
      assert.equal(allowance.length, 1);
      const [a] = allowance as [(typeof allowance)[number]];
      assert.equal(a.fugo, head.fugo, 'paid to the head');
      const named = a.fields.filter((f) => /^child\dName$/.test(f.key)).map((f) => f.value);
      assert.deepEqual(
        named,
        children.map((c) => `${c.familyName} ${c.givenName}`),
      );
      const paid = childAllowance(h);
      for (const c of paid) {
        const expected = c.order >= 3 ? 30_000 : c.age < 3 ? 15_000 : 10_000;
        assert.equal(c.monthly, expected);
      }
      assert.equal(
        value(a.fields, 'monthlyTotal'),
        paid.reduce((s, c) => s + c.monthly, 0),
      );
      // Every child in the allowance is a member of the head's 住民票.
      const juminhyo = records.find((r) => r.infoType === 'juminhyo' && r.fugo === head.fugo);
      for (const name of named) assert.ok(juminhyo?.fields.some((f) => f.value === name));
      checked++;
    }
    assert.ok(checked > 50, `households with children: ${checked}`);
  });

  it('tells one story across agencies: premium exemption at jps only when not taxed at the municipality', () => {
    let exempt = 0;
    for (const members of all) {
      const h = householdModel(members);
      const municipal = municipalRecords(h);
      for (const p of h.members) {
        const holders = copyHolders(p);
        const national = nationalRecords(p, h, {
          ...(holders.includes('jps') ? { jps: `J${p.member.fugo}` } : {}),
          ...(holders.includes('kyokai-kenpo') ? { 'kyokai-kenpo': `K${p.member.fugo}` } : {}),
        });
        const premiums = national.find((r) => r.infoType === 'hokenryo-nofu');
        if (p.category === '1') assert.ok(premiums, 'a 第1号 has a premium record');
        else assert.equal(premiums, undefined);
        if (!premiums) continue;
        const tax = municipal.find((r) => r.fugo === p.member.fugo && r.title.startsWith('令和7年度'));
        const nonTaxable = value(tax?.fields ?? [], 'status') === '非課税';
        const isExempt = value(premiums.fields, 'exemption') !== 'なし';
        if (isExempt) {
          exempt++;
          assert.ok(nonTaxable, 'exempt persons are not taxed');
        }
        if (p.kyokai === 'dependent') assert.equal(p.category, '3');
      }
      for (const r of municipal) assert.equal(r.agencyCode, members[0]?.municipalityCode);
    }
    assert.ok(exempt > 0);
  });

  it('is deterministic: the same residents give the same records', () => {
    const a = all.slice(0, 50).flatMap((m) => municipalRecords(householdModel(m)));
    const b = households(3000)
      .slice(0, 50)
      .flatMap((m) => municipalRecords(householdModel(m)));
    assert.deepEqual(a, b);
    assert.equal(new Set(a.map((r) => r.id)).size, a.length, 'record ids are unique');
  });
});
