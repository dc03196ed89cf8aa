/**
 * The agency app with a real hub: demo link (registration, copies with the hub's linkage check calling
 * back into this app, consistent records), then full querier → hub → provider exchanges.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { enrollAgency, startHub, type TestHub } from '@madoguchi/hub/test-support';
import { demoMunicipalities } from '@madoguchi/reference';
import { createTestDatabase, forEachEngine, readJson, type TestDatabase } from '@madoguchi/testing';
import type pg from 'pg';
import { seedResidents } from '../../data/seed.ts';
import { agencyStaffHeaders, type RunningAgency, startAgency } from '../../test-support/agency-fixture.ts';

const json = { ...agencyStaffHeaders, 'content-type': 'application/json' };

forEachEngine(describe, (engine) => {
  let db: TestDatabase;
  let admin: pg.Pool;
  let hub: TestHub;
  let agency: RunningAgency;
  const staff = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${agency.url}${path}`, {
      method,
      headers: body === undefined ? agencyStaffHeaders : json,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: await readJson(res) };
  };
  const link = async () => {
    const res = await staff('POST', '/api/staff/demo/link', {});
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };
  const records = async (agencyCode: string, fugo: string, infoType: string) =>
    (
      await admin.query(
        'select title, fields from agency.info_record where agency_code = $1 and fugo = $2 and info_type = $3 order by as_of',
        [agencyCode, fugo, infoType],
      )
    ).rows as { title: string; fields: { key: string; label: string; value: unknown }[] }[];
  const value = (fields: { key: string; value: unknown }[], key: string) =>
    fields.find((f) => f.key === key)?.value;
  const household: Record<string, string> = {};

  before(async () => {
    db = await createTestDatabase(engine);
    admin = db.adminPool(2);
    hub = await startHub(db);
    agency = await startAgency(db, { HUB_URL: hub.url });
    for (const code of [...demoMunicipalities, 'jps', 'kyokai-kenpo']) {
      const c = await readJson(await fetch(`${agency.url}/api/intermediate/${code}/credential`));
      await enrollAgency(hub.url, code, c.publicKey, c.endpointUrl);
    }
    await seedResidents(agency.db, 150, demoMunicipalities);
    const create = async (key: string, body: Record<string, unknown>) => {
      const res = await staff('POST', '/api/staff/residents', body);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      household[key] = res.body.id;
    };
    await create('hanako', {
      municipalityCode: '131016',
      familyName: 'デジタル',
      givenName: '花子',
      familyKana: 'デジタル',
      givenKana: 'ハナコ',
      birthDate: '1985-04-01',
      sex: 2,
    });
    const member = (
      givenName: string,
      givenKana: string,
      birthDate: string,
      sex: number,
      relationship: string,
    ) => ({
      householdOf: household.hanako,
      familyName: 'デジタル',
      familyKana: 'デジタル',
      givenName,
      givenKana,
      birthDate,
      sex,
      relationship,
    });
    await create('taro', member('太郎', 'タロウ', '1990-10-10', 1, 'spouse'));
    await create('ichika', member('一花', 'イチカ', '2018-06-12', 2, 'child'));
    await create('hinata', member('陽向', 'ヒナタ', '2022-02-03', 1, 'child'));
  });
  after(async () => {
    await agency.close();
    await hub.close();
    await admin.end();
    await db.drop();
  });

  it('links every demo resident, registers adult copies through the linkage check, and is idempotent', async () => {
    const first = await link();
    assert.equal(first.registered, 154);
    assert.ok(first.copies > 50, `copies: ${first.copies}`);
    assert.equal(first.copiesRefused, 0);
    assert.ok(first.records > 154);
    const unlinked = await admin.query('select count(*)::int as n from agency.resident where fugo is null');
    assert.equal(unlinked.rows[0].n, 0);
    const counts = async () =>
      (await admin.query('select count(*)::int as n, max(updated_at) as t from agency.info_record')).rows[0];
    const before = await counts();
    const again = await link();
    assert.deepEqual(again, { registered: 0, copies: 0, copiesRefused: 0, households: 0, records: 0 });
    assert.deepEqual(await counts(), before, 're-running changes nothing');
    const checked = await admin.query(
      "select count(*)::int as n from agency.audit_event where type = 'fugo.facts_checked' and actor = 'agency:hub'",
    );
    assert.ok(checked.rows[0].n >= 2, 'the hub checked the copies’ facts with the municipality');
  });

  it('keeps records consistent: 児童手当 names exactly the household’s children under 18', async () => {
    const heads = await admin.query(
      `select r.fugo, r.household_id from agency.resident r where r.relationship = 'head'
         and exists (select 1 from agency.resident c where c.household_id = r.household_id and c.relationship = 'child'
                     and c.birth_date > date '2026-04-01' - interval '18 years')`,
    );
    assert.ok(heads.rows.length > 5);
    for (const h of heads.rows) {
      const [allowance] = await records('131016', h.fugo, 'jidou-teate').then(async (r) =>
        r.length > 0
          ? r
          : [
              ...(await records('131121', h.fugo, 'jidou-teate')),
              ...(await records('011002', h.fugo, 'jidou-teate')),
            ],
      );
      assert.ok(allowance, `head ${h.fugo} has 児童手当`);
      const children = await admin.query(
        `select family_name || ' ' || given_name as name from agency.resident where household_id = $1
           and relationship = 'child' and birth_date > date '2026-04-01' - interval '18 years' order by birth_date`,
        [h.household_id],
      );
      const named = allowance.fields.filter((f) => /^child\dName$/.test(f.key)).map((f) => f.value);
      assert.deepEqual(
        named,
        children.rows.map((c) => c.name),
      );
      const juminhyo = (
        await admin.query(
          `select fields from agency.info_record where fugo = $1 and info_type = 'juminhyo'`,
          [h.fugo],
        )
      ).rows[0].fields as { key: string; value: unknown }[];
      for (const name of named)
        assert.ok(
          juminhyo.some((f) => /^member\dName$/.test(f.key) && f.value === name),
          `${name} is in the 住民票`,
        );
    }
    const hanako = (await admin.query('select fugo from agency.resident where id = $1', [household.hanako]))
      .rows[0].fugo;
    const [allowance] = await records('131016', hanako, 'jidou-teate');
    assert.ok(allowance);
    assert.equal(value(allowance.fields, 'child1Name'), 'デジタル 一花');
    assert.equal(value(allowance.fields, 'child1Monthly'), 10_000);
    assert.equal(value(allowance.fields, 'child2Name'), 'デジタル 陽向');
    assert.equal(value(allowance.fields, 'child2Monthly'), 10_000, '陽向 is 4 on the demo date');
    assert.equal(value(allowance.fields, 'monthlyTotal'), 20_000);
  });

  it('links a resident added later and updates the household’s records with them', async () => {
    const res = await staff('POST', '/api/staff/residents', {
      householdOf: household.hanako,
      familyName: 'デジタル',
      givenName: '三葉',
      familyKana: 'デジタル',
      givenKana: 'ミツハ',
      birthDate: '2025-09-01',
      sex: 2,
      relationship: 'child',
    });
    assert.equal(res.status, 201);
    const result = await link();
    assert.equal(result.registered, 1);
    assert.equal(result.households, 1);
    const hanako = (await admin.query('select fugo from agency.resident where id = $1', [household.hanako]))
      .rows[0].fugo;
    const [allowance] = await records('131016', hanako, 'jidou-teate');
    assert.equal(value(allowance?.fields ?? [], 'child3Name'), 'デジタル 三葉');
    assert.equal(value(allowance?.fields ?? [], 'child3Monthly'), 30_000, 'third child: 30,000 yen');
    const [juminhyo] = await records('131016', hanako, 'juminhyo');
    assert.equal(value(juminhyo?.fields ?? [], 'householdSize'), 5);
  });

  it('performs lawful exchanges querier → hub → provider, and refuses an unlawful one', async () => {
    const fugo = await staff('GET', `/api/staff/agencies/jps/persons/${household.hanako}/fugo`);
    assert.equal(fugo.status, 200, JSON.stringify(fugo.body));
    const tax = await staff('POST', '/api/staff/exchanges', {
      querier: 'jps',
      task: 'kokunen-menjo',
      fugo: fugo.body.fugo,
      infoTypes: ['chihouzei'],
      provider: '131016',
    });
    assert.equal(tax.status, 200, JSON.stringify(tax.body));
    assert.equal(tax.body.provider, '131016');
    assert.deepEqual(
      tax.body.records.map((r: { title: string }) => r.title),
      ['令和7年度 個人住民税（市町村民税・道府県民税）', '令和6年度 個人住民税（市町村民税・道府県民税）'],
    );
    const queried = await admin.query(
      "select subject, detail from agency.audit_event where type = 'exchange.queried' order by id desc limit 1",
    );
    assert.equal(queried.rows[0].detail.entryId, tax.body.entryId);
    const provided = await admin.query(
      "select actor, detail from agency.audit_event where type = 'exchange.provided' order by id desc limit 1",
    );
    assert.equal(provided.rows[0].actor, 'agency:jps');
    assert.equal(provided.rows[0].detail.permitId, tax.body.entryId);

    const pension = await staff('POST', '/api/staff/exchanges', {
      querier: '131016',
      task: 'jidou-teate',
      residentId: household.hanako,
      infoTypes: ['nenkin-kanyu'],
      provider: 'jps',
    });
    assert.equal(pension.status, 200, JSON.stringify(pension.body));
    assert.equal(pension.body.records.length, 1);
    assert.equal(pension.body.records[0].infoType, 'nenkin-kanyu');

    const unlawful = await staff('POST', '/api/staff/exchanges', {
      querier: 'jps',
      task: 'kokunen-menjo',
      fugo: fugo.body.fugo,
      infoTypes: ['yobou-sesshu'],
      provider: '131016',
    });
    assert.equal(unlawful.status, 403);
    assert.equal(unlawful.body.error.code, 'exchange.not_permitted');
  });

  it('answers provider_unavailable when the provider does not answer, writing nothing', async () => {
    const c = await readJson(await fetch(`${agency.url}/api/intermediate/131121/credential`));
    await enrollAgency(hub.url, '131121', c.publicKey, 'http://127.0.0.1:9/api/intermediate/131121');
    const resident = (
      await admin.query(
        "select id from agency.resident where municipality_code = '131121' and relationship = 'head' limit 1",
      )
    ).rows[0].id;
    const audits = (await admin.query('select count(*)::int as n from agency.audit_event')).rows[0].n;
    const down = await staff('POST', '/api/staff/exchanges', {
      querier: '131121',
      task: 'jidou-teate',
      residentId: resident,
      infoTypes: ['juminhyo'],
      provider: '131121',
    });
    assert.equal(down.status, 503, JSON.stringify(down.body));
    assert.equal(down.body.error.code, 'exchange.provider_unavailable');
    assert.equal((await admin.query('select count(*)::int as n from agency.audit_event')).rows[0].n, audits);
  });
});
