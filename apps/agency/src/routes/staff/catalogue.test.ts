/**
 * Staff publishing and withdrawing services, seen through the public feed a follower reads: new versions,
 * tombstones, the publishing checks as JSON Pointers, the URL/definition match, staff auth, audit rows in
 * the same transaction (a refused change leaves none).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { kosodateServicesFor, type ServiceDefinition } from '@madoguchi/catalogue';
import { allAgencies, demoMunicipalities } from '@madoguchi/reference';
import { createTestDatabase, forEachEngine, readJson, type TestDatabase } from '@madoguchi/testing';
import type pg from 'pg';
import { seedAgencyTenants } from '../../data/seed.ts';
import { agencyStaffHeaders, type RunningAgency, startAgency } from '../../test-support/agency-fixture.ts';

const code = demoMunicipalities[0];
const other = demoMunicipalities[1];
const shipped = (id: string, municipality: string = code): ServiceDefinition => {
  const def = kosodateServicesFor(municipality).find((d) => d.id === id);
  if (!def) throw new Error(`no shipped ${id}`);
  return def;
};

forEachEngine(describe, (engine) => {
  let db: TestDatabase;
  let admin: pg.Pool;
  let agency: RunningAgency;

  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = agencyStaffHeaders,
  ) => {
    const res = await fetch(`${agency.url}${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: await readJson(res) };
  };
  const put = (m: string, id: string, body: unknown) =>
    call('PUT', `/api/staff/agencies/${m}/services/${id}`, body);
  const del = (m: string, id: string) => call('DELETE', `/api/staff/agencies/${m}/services/${id}`);
  const feedAfter = async (after: number) =>
    (await call('GET', `/api/public/catalogue/services?after=${after}`, undefined, {})).body;
  const state = async () =>
    (
      await admin.query(`select coalesce(max(version), 0)::int as max_version,
        (select count(*)::int from agency.audit_event) as audits from agency.service_definition`)
    ).rows[0] as { max_version: number; audits: number };
  const audits = async (type: string) =>
    (
      await admin.query(
        'select actor, on_behalf_of, subject, outcome, detail from agency.audit_event where type = $1 order by id',
        [type],
      )
    ).rows;

  before(async () => {
    db = await createTestDatabase(engine);
    admin = db.adminPool(2);
    agency = await startAgency(db, { AGENCY_JOB_WORKER: 'off' });
  });
  after(async () => {
    await agency.close();
    await admin.end();
    await db.drop();
  });

  it('publishes an update as a new version that followers receive, with an audit row', async () => {
    const before = await state();
    const def = { ...shipped('jidou-teate-nintei'), title: '児童手当の認定請求（改訂）' };
    const res = await put(code, def.id, def);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, {
      municipality: code,
      id: def.id,
      version: before.max_version + 1,
      deleted: false,
    });
    const feed = await feedAfter(before.max_version);
    assert.equal(feed.items.length, 1);
    assert.deepEqual(feed.items[0], {
      version: res.body.version,
      municipality: code,
      id: def.id,
      deleted: false,
      definition: def,
    });
    assert.equal(feed.next, res.body.version);
    const single = await call('GET', `/api/public/catalogue/services/${code}/${def.id}`, undefined, {});
    assert.deepEqual(single.body, def);
    const rows = await audits('catalogue.published');
    assert.deepEqual(rows.at(-1), {
      actor: 'staff:test-staff',
      on_behalf_of: `agency:${code}`,
      subject: `service:${code}/${def.id}`,
      outcome: 'success',
      detail: { service: def.id, version: res.body.version },
    });
    // A new service (an id the municipality never had) is published the same way.
    const fresh = { ...shipped('ninshin-todoke'), id: 'ninshin-todoke-eigo' };
    const created = await put(code, fresh.id, fresh);
    assert.equal(created.status, 200);
    assert.equal(created.body.version, res.body.version + 1);
  });

  it('withdraws into a tombstone, 404s what is not published, and revives on re-publish', async () => {
    const before = await state();
    const id = 'jidou-teate-kifu';
    const gone = await del(code, id);
    assert.deepEqual(gone.body, { municipality: code, id, version: before.max_version + 1, deleted: true });
    const feed = await feedAfter(before.max_version);
    assert.deepEqual(feed.items, [
      { version: gone.body.version, municipality: code, id, deleted: true, definition: null },
    ]);
    const full = (await feedAfter(0)).items as { municipality: string; id: string; version: number }[];
    assert.equal(
      full.filter((i) => i.municipality === code && i.id === id).length,
      1,
      'only the latest state',
    );
    assert.equal(
      (await call('GET', `/api/public/catalogue/services/${code}/${id}`, undefined, {})).status,
      404,
    );
    const again = await del(code, id);
    assert.equal(again.status, 404);
    assert.equal(again.body.error.code, 'resource.not_found');
    assert.equal((await del(code, 'never-published')).status, 404);
    assert.equal((await state()).max_version, gone.body.version, 'a refused withdrawal takes no version');
    // Re-seeding does not bring back what staff withdrew.
    await seedAgencyTenants(agency.db, allAgencies(), demoMunicipalities);
    assert.equal((await feedAfter(gone.body.version)).items.length, 0);
    const back = await put(code, id, shipped(id));
    assert.equal(back.status, 200);
    assert.equal((await feedAfter(gone.body.version)).items[0].deleted, false);
    const withdrawn = await audits('catalogue.withdrawn');
    assert.equal(withdrawn.length, 1);
    assert.deepEqual(withdrawn[0].detail, { service: id, version: gone.body.version });
    assert.equal(withdrawn[0].actor, 'staff:test-staff');
  });

  it('refuses invalid definitions with JSON Pointers to each problem, storing and auditing nothing', async () => {
    const before = await state();
    const def = shipped('hoiku-genkyou');
    const shape = await put(code, def.id, {
      ...def,
      contact: { ...def.contact, phone: '03-1234' },
      colour: 'blue',
    });
    assert.equal(shape.status, 400);
    assert.equal(shape.body.error.code, 'validation.failed');
    const paths = shape.body.error.fields.map((f: { path: string }) => f.path).sort();
    assert.deepEqual(paths, ['/body/colour', '/body/contact/phone']);
    const rule = await put(code, def.id, { ...def, eligibility: { and: [true, { dance: 1 }] } });
    assert.equal(rule.status, 400);
    assert.deepEqual(
      rule.body.error.fields.map((f: { path: string }) => f.path),
      ['/body/eligibility/and/1/dance'],
    );
    const notObject = await put(code, def.id, [def]);
    assert.equal(notObject.status, 400);
    assert.deepEqual(await state(), before);
  });

  it('requires the URL and the definition to name the same municipality and service', async () => {
    const before = await state();
    // The staff token is global (one back office for every tenant it hosts), so this match is the only
    // fence between a URL and the municipality a definition is published for.
    const elsewhere = await put(other, 'hoiku-genkyou', shipped('hoiku-genkyou', code));
    assert.equal(elsewhere.status, 400);
    assert.equal(elsewhere.body.error.code, 'validation.failed');
    assert.deepEqual(
      elsewhere.body.error.fields.map((f: { path: string }) => f.path),
      ['/body/municipality'],
    );
    const renamed = await put(code, 'hoiku-genkyou-2', shipped('hoiku-genkyou'));
    assert.deepEqual(
      renamed.body.error.fields.map((f: { path: string }) => f.path),
      ['/body/id'],
    );
    const unknownTenant = await put('999999', 'hoiku-genkyou', {
      ...shipped('hoiku-genkyou'),
      municipality: '999999',
    });
    assert.equal(unknownTenant.status, 404);
    assert.equal(unknownTenant.body.error.code, 'resource.not_found');
    assert.deepEqual(await state(), before);
  });

  it('requires staff authentication for publishing and withdrawing', async () => {
    const before = await state();
    const def = shipped('hoiku-genkyou');
    const wrong = { authorization: 'Bearer not-the-staff-token-0123456789abcdef', 'x-staff-id': 'eve' };
    for (const method of ['PUT', 'DELETE']) {
      const res = await call(
        method,
        `/api/staff/agencies/${code}/services/${def.id}`,
        method === 'PUT' ? def : undefined,
        wrong,
      );
      assert.equal(res.status, 401, method);
      assert.equal(res.body.error.code, 'auth.invalid_credentials');
      const noToken = await call(
        method,
        `/api/staff/agencies/${code}/services/${def.id}`,
        method === 'PUT' ? def : undefined,
        { authorization: 'Basic x', 'x-staff-id': 'eve' },
      );
      assert.equal(noToken.status, 401, method);
      assert.equal(noToken.body.error.code, 'auth.required');
    }
    assert.deepEqual(await state(), before);
    assert.equal(
      (await call('GET', `/api/public/catalogue/services/${code}/${def.id}`, undefined, {})).status,
      200,
    );
  });

  it('gives concurrent publishes distinct versions that a follower sees in order', async () => {
    const before = await state();
    const ids = kosodateServicesFor(other).map((d) => d.id);
    const results = await Promise.all(ids.map((id) => put(other, id, shipped(id, other))));
    assert.ok(results.every((r) => r.status === 200));
    const versions = results.map((r) => r.body.version as number).sort((a, b) => a - b);
    assert.deepEqual(
      versions,
      ids.map((_, i) => before.max_version + 1 + i),
    );
    const feed = await feedAfter(before.max_version);
    assert.deepEqual(
      feed.items.map((i: { version: number }) => i.version),
      versions,
    );
  });
});
