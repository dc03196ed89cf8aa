import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { deriveKey } from '@madoguchi/exchange';
import { createTestDatabase, forEachEngine, readJson, type TestDatabase } from '@madoguchi/testing';
import type pg from 'pg';
import {
  agencyStaffHeaders,
  agencyTestSecrets,
  type RunningAgency,
  startAgency,
} from '../../test-support/agency-fixture.ts';

const fugo = 'StaffRecordFugo0123456';
const json = { ...agencyStaffHeaders, 'content-type': 'application/json' };
const valid = {
  fugo,
  infoType: 'shougai',
  title: '障害者手帳',
  asOf: '2026-04-01',
  fields: [
    { key: 'kind', label: '手帳の種類', value: '身体障害者手帳' },
    { key: 'grade', label: '等級', value: 3 },
  ],
};

forEachEngine(describe, (engine) => {
  let db: TestDatabase;
  let admin: pg.Pool;
  let agency: RunningAgency;
  const count = async (table: string) =>
    (await admin.query(`select count(*)::int as n from agency.${table}`)).rows[0].n as number;
  const post = (code: string, body: unknown, headers: Record<string, string> = json) =>
    fetch(`${agency.url}/api/staff/agencies/${code}/records`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });

  before(async () => {
    db = await createTestDatabase(engine);
    admin = db.adminPool(2);
    agency = await startAgency(db, {
      HUB_NETWORK_PUBLIC_KEY: deriveKey('unused-hub-secret-0123456789abcdef012345', 'hub:network')
        .publicKeyB64,
    });
    await admin.query(
      `insert into agency.resident (id, municipality_code, my_number, family_name, given_name, family_kana, given_kana,
         birth_date, sex, address, household_id, relationship, fugo)
       values ($1, '131016', '123456789018', '窓口', '一郎', 'マドグチ', 'イチロウ', '1952-01-15', 1, '東京都千代田区', $2, 'head', $3)`,
      [randomUUID(), randomUUID(), fugo],
    );
  });
  after(async () => {
    await agency.close();
    await admin.end();
    await db.drop();
  });

  it('records, lists and updates a person’s information, each audited', async () => {
    const created = await post('131016', valid);
    assert.equal(created.status, 201);
    const record = await readJson(created);
    assert.equal(record.infoType, 'shougai');
    assert.equal(record.updatedBy, 'staff:test-staff');
    assert.deepEqual(record.fields, valid.fields);

    const list = await fetch(`${agency.url}/api/staff/agencies/131016/records?fugo=${fugo}`, {
      headers: agencyStaffHeaders,
    });
    assert.equal(list.status, 200);
    assert.deepEqual(
      (await readJson(list)).items.map((r: { id: string }) => r.id),
      [record.id],
    );

    const put = await fetch(`${agency.url}/api/staff/agencies/131016/records/${record.id}`, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ ...valid, fugo: undefined, title: '障害者手帳（再交付）' }),
    });
    assert.equal(put.status, 200);
    assert.equal((await readJson(put)).title, '障害者手帳（再交付）');
    const stored = await admin.query('select title from agency.info_record where id = $1', [record.id]);
    assert.equal(stored.rows[0].title, '障害者手帳（再交付）');

    const audit = await admin.query(
      "select type, subject, detail from agency.audit_event where type in ('info.recorded', 'info.read') order by id",
    );
    assert.deepEqual(
      audit.rows.map((r) => [r.type, r.subject, r.detail.change ?? null]),
      [
        ['info.recorded', `fugo:131016:${fugo}`, 'created'],
        ['info.read', `fugo:131016:${fugo}`, null],
        ['info.recorded', `fugo:131016:${fugo}`, 'updated'],
      ],
    );
  });

  it('refuses bad input with info.invalid and writes nothing', async () => {
    const records = await count('info_record');
    const audits = await count('audit_event');
    const bad: [string, unknown][] = [
      ['unknown type', { ...valid, infoType: 'my-number' }],
      [
        'too many fields',
        { ...valid, fields: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, label: 'x', value: i })) },
      ],
      ['long value', { ...valid, fields: [{ key: 'k', label: 'x', value: 'あ'.repeat(501) }] }],
      ['long title', { ...valid, title: 'あ'.repeat(501) }],
      ['unreal date', { ...valid, asOf: '2026-02-30' }],
      ['duplicate keys', { ...valid, fields: [valid.fields[0], valid.fields[0]] }],
      ['object value', { ...valid, fields: [{ key: 'k', label: 'x', value: { nested: true } }] }],
      ['extra property', { ...valid, myNumber: '123456789018' }],
    ];
    for (const [name, body] of bad) {
      const res = await post('131016', body);
      assert.equal(res.status, 400, name);
      assert.equal((await readJson(res)).error.code, 'info.invalid', name);
    }
    const unknownPerson = await post('131016', { ...valid, fugo: 'NoSuchPerson0123456789' });
    assert.equal(unknownPerson.status, 404);
    assert.equal((await readJson(unknownPerson)).error.code, 'fugo.unknown');
    const otherAgency = await post('jps', valid);
    assert.equal(otherAgency.status, 404, 'jps holds no copy for this person');
    const outsider = await post('131016', valid, {
      'content-type': 'application/json',
      authorization: 'Bearer wrong-token-wrong-token-wrong-token',
      'x-staff-id': 'eve',
    });
    assert.equal(outsider.status, 401);
    const missingPut = await fetch(`${agency.url}/api/staff/agencies/131016/records/${randomUUID()}`, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ ...valid, fugo: undefined }),
    });
    assert.equal(missingPut.status, 404);
    assert.equal(await count('info_record'), records);
    // Only the failed audit of nothing: bad input and outsiders write no audit row either.
    assert.equal(await count('audit_event'), audits);
  });

  it('shows a person’s records on the staff page and adds one from the form, without JavaScript', async () => {
    const login = await fetch(`${agency.url}/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ staffId: 'suzuki', token: agencyTestSecrets.AGENCY_STAFF_TOKEN }),
      redirect: 'manual',
    });
    assert.equal(login.status, 303);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const url = `${agency.url}/staff/records?code=131016&fugo=${fugo}`;
    const page = await fetch(url, { headers: { cookie } });
    assert.equal(page.status, 200);
    const text = await page.text();
    assert.match(text, /障害者手帳（再交付）/);
    assert.doesNotMatch(text, /<script>/);
    const add = await fetch(`${agency.url}/staff/records`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        code: '131016',
        fugo,
        infoType: 'seikatsu-hogo',
        title: '生活保護（保護の決定）',
        asOf: '2026-04-01',
        fields: 'status|保護の状況|保護中\nhouseholdSize|保護世帯の人数|1',
      }),
      redirect: 'manual',
    });
    assert.equal(add.status, 303);
    const stored = await admin.query(
      "select fields, updated_by from agency.info_record where fugo = $1 and info_type = 'seikatsu-hogo'",
      [fugo],
    );
    assert.deepEqual(stored.rows[0].fields, [
      { key: 'status', label: '保護の状況', value: '保護中' },
      { key: 'householdSize', label: '保護世帯の人数', value: 1 },
    ]);
    assert.equal(stored.rows[0].updated_by, 'staff:suzuki');
    const bad = await fetch(`${agency.url}/staff/records`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        code: '131016',
        fugo,
        infoType: 'nope',
        title: 'x',
        asOf: '2026-04-01',
        fields: '',
      }),
    });
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /error-summary/);
    const anonymous = await fetch(url, { redirect: 'manual' });
    assert.equal(anonymous.status, 303);
  });
});
