import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isValidMyNumber } from '@madoguchi/identifiers';
import { allAgencies, demoMunicipalities } from '@madoguchi/reference';
import {
  createTestDatabase,
  forEachEngine,
  type RunningTestService,
  readJson,
  startTestService,
  type TestDatabase,
} from '@madoguchi/testing';
import type pg from 'pg';
import { buildAgencyApp } from '../../app.ts';
import { loadAgencyConfig } from '../../config.ts';
import { seedAgencyTenants } from '../../data/seed.ts';

const staffToken = 't'.repeat(40);
const staff = { authorization: `Bearer ${staffToken}`, 'x-staff-id': 'tanaka' };

forEachEngine(describe, (engine) => {
  let db: TestDatabase;
  let admin: pg.Pool;
  let agency: RunningTestService;
  const audits = async (type: string) =>
    (
      await admin.query(
        'select subject, outcome, actor from agency.audit_event where type = $1 order by occurred_at, id',
        [type],
      )
    ).rows as { subject: string; outcome: string; actor: string }[];
  const residentCount = async () =>
    (await admin.query('select count(*)::int as n from agency.resident')).rows[0].n as number;

  before(async () => {
    db = await createTestDatabase(engine);
    admin = db.adminPool(2);
    agency = await startTestService({
      db,
      app: 'agency',
      loadConfig: loadAgencyConfig,
      build: buildAgencyApp,
      dataDir: mkdtempSync(join(tmpdir(), 'madoguchi-agency-residents-')),
      env: { AGENCY_STAFF_TOKEN: staffToken },
    });
    // biome-ignore lint/suspicious/noExplicitAny: the harness is generic over app schemas.
    await seedAgencyTenants(agency.database.db as any, allAgencies(), demoMunicipalities);
  });
  after(async () => {
    await agency.close();
    await admin.end();
    await db.drop();
  });

  it('creates a demo resident with a valid, unique, never-returned My Number, audited', async () => {
    const res = await fetch(`${agency.url}/api/staff/residents`, {
      method: 'POST',
      headers: { ...staff, 'content-type': 'application/json' },
      body: JSON.stringify({
        municipalityCode: '131016',
        familyName: 'デジタル',
        givenName: '花子',
        birthDate: '1985-04-01',
        sex: 2,
      }),
    });
    assert.equal(res.status, 201);
    const text = await res.text();
    const body = JSON.parse(text);
    assert.equal(body.municipalityCode, '131016');
    assert.deepEqual(
      { ...body.facts, address: undefined },
      { familyName: 'デジタル', givenName: '花子', birthDate: '1985-04-01', sex: 2, address: undefined },
    );
    assert.match(body.facts.address, /^東京都千代田区/);
    const { rows } = await admin.query('select my_number from agency.resident where id = $1', [body.id]);
    const myNumber = rows[0].my_number as string;
    assert.ok(isValidMyNumber(myNumber));
    assert.ok(!text.includes(myNumber), 'the My Number is not in the response');
    assert.doesNotMatch(text, /(?<![\w-])\d{12}(?![\w-])/);
    const created = await audits('resident.created');
    assert.deepEqual(created.at(-1), {
      subject: `resident:${body.id}`,
      outcome: 'success',
      actor: 'staff:tanaka',
    });

    const many = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${agency.url}/api/staff/residents`, {
          method: 'POST',
          headers: { ...staff, 'content-type': 'application/json' },
          body: '{}',
        }).then(readJson),
      ),
    );
    assert.equal(new Set(many.map((r) => r.id)).size, 20);
    const numbers = await admin.query('select count(distinct my_number)::int as n from agency.resident');
    assert.equal(numbers.rows[0].n, 21);
  });

  it('reads a resident for staff with an audit row, and 404s an unknown id (audited as a failure)', async () => {
    const created = await readJson(
      await fetch(`${agency.url}/api/staff/residents`, {
        method: 'POST',
        headers: { ...staff, 'content-type': 'application/json' },
        body: JSON.stringify({ municipalityCode: '011002' }),
      }),
    );
    const res = await fetch(`${agency.url}/api/staff/residents/${created.id}`, { headers: staff });
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.deepEqual(JSON.parse(text), created);
    assert.doesNotMatch(text, /(?<![\w-])\d{12}(?![\w-])/);
    assert.deepEqual((await audits('resident.read')).at(-1), {
      subject: `resident:${created.id}`,
      outcome: 'success',
      actor: 'staff:tanaka',
    });
    const missing = '00000000-0000-4000-8000-000000000000';
    const notFound = await fetch(`${agency.url}/api/staff/residents/${missing}`, { headers: staff });
    assert.equal(notFound.status, 404);
    assert.equal((await readJson(notFound)).error.code, 'resource.not_found');
    assert.deepEqual((await audits('resident.read')).at(-1), {
      subject: `resident:${missing}`,
      outcome: 'failure',
      actor: 'staff:tanaka',
    });
  });

  it('refuses a bad token and bad input without writing anything', async () => {
    const residents = await residentCount();
    const auditRows = (await admin.query('select count(*)::int as n from agency.audit_event')).rows[0].n;
    const bad = { authorization: 'Bearer wrong-token', 'x-staff-id': 'eve' };
    const post = await fetch(`${agency.url}/api/staff/residents`, {
      method: 'POST',
      headers: { ...bad, 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(post.status, 401);
    assert.equal((await readJson(post)).error.code, 'auth.invalid_credentials');
    const get = await fetch(`${agency.url}/api/staff/residents/00000000-0000-4000-8000-000000000000`, {
      headers: bad,
    });
    assert.equal(get.status, 401);
    const unknownTown = await fetch(`${agency.url}/api/staff/residents`, {
      method: 'POST',
      headers: { ...staff, 'content-type': 'application/json' },
      body: JSON.stringify({ municipalityCode: '999999' }),
    });
    assert.equal(unknownTown.status, 400);
    const future = await fetch(`${agency.url}/api/staff/residents`, {
      method: 'POST',
      headers: { ...staff, 'content-type': 'application/json' },
      body: JSON.stringify({ birthDate: '2999-01-01' }),
    });
    assert.equal(future.status, 400);
    const extra = await fetch(`${agency.url}/api/staff/residents`, {
      method: 'POST',
      headers: { ...staff, 'content-type': 'application/json' },
      body: JSON.stringify({ myNumber: '123456789012' }),
    });
    assert.equal(extra.status, 400, 'a My Number cannot be chosen by the caller');
    assert.equal(await residentCount(), residents);
    assert.equal(
      (await admin.query('select count(*)::int as n from agency.audit_event')).rows[0].n,
      auditRows,
    );
  });

  it('adds a resident to an existing household, and refuses a household that does not fit', async () => {
    const post = (body: unknown) =>
      fetch(`${agency.url}/api/staff/residents`, {
        method: 'POST',
        headers: { ...staff, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const head = await readJson(
      await post({ municipalityCode: '131121', familyName: '世帯', familyKana: 'セタイ' }),
    );
    const child = await post({ householdOf: head.id, relationship: 'child', birthDate: '2020-01-01' });
    assert.equal(child.status, 201);
    const body = await readJson(child);
    assert.equal(body.municipalityCode, '131121');
    assert.equal(body.facts.address, head.facts.address);
    const { rows } = await admin.query(
      'select relationship, household_id from agency.resident where id = any($1::uuid[]) order by relationship',
      [[head.id, body.id]],
    );
    assert.deepEqual(
      rows.map((r) => r.relationship),
      ['child', 'head'],
    );
    assert.equal(rows[0].household_id, rows[1].household_id);
    const residents = await residentCount();
    for (const bad of [
      { householdOf: '00000000-0000-4000-8000-000000000000', relationship: 'child' },
      { householdOf: head.id, relationship: 'head' },
      { householdOf: head.id, municipalityCode: '131016' },
      { relationship: 'spouse' },
    ]) {
      const res = await post(bad);
      assert.equal(res.status, 400, JSON.stringify(bad));
    }
    assert.equal(await residentCount(), residents);
  });
});
