/**
 * The public catalogue feed over the seeded demo catalogue: paging with after/limit/next, the content
 * against the catalogue package's own 子育てワンストップ set, the bytes against what PostgreSQL holds,
 * the single-definition route, and a re-seed that adds nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { kosodateServicesFor, type ServiceDefinition } from '@madoguchi/catalogue';
import { allAgencies, demoMunicipalities } from '@madoguchi/reference';
import { createTestDatabase, forEachEngine, readJson, type TestDatabase } from '@madoguchi/testing';
import type pg from 'pg';
import { seedAgencyTenants } from '../../data/seed.ts';
import { type RunningAgency, startAgency } from '../../test-support/agency-fixture.ts';

interface FeedItem {
  version: number;
  municipality: string;
  id: string;
  deleted: boolean;
  definition: ServiceDefinition | null;
}

forEachEngine(describe, (engine) => {
  let db: TestDatabase;
  let admin: pg.Pool;
  let agency: RunningAgency;
  const feed = async (query: string) => {
    const res = await fetch(`${agency.url}/api/public/catalogue/services${query}`);
    return { status: res.status, body: await readJson(res) };
  };
  const counts = async () =>
    (
      await admin.query(`select (select count(*)::int from agency.service_definition) as rows,
        (select coalesce(max(version), 0)::int from agency.service_definition) as max_version,
        (select count(*)::int from agency.audit_event where type = 'catalogue.published') as audits`)
    ).rows[0] as { rows: number; max_version: number; audits: number };

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

  it('pages through the seeded catalogue: every demo municipality offers the kosodate set', async () => {
    const items: FeedItem[] = [];
    let cursor = 0;
    let pages = 0;
    for (;;) {
      const { status, body } = await feed(`?after=${cursor}&limit=7`);
      assert.equal(status, 200);
      const page = body.items as FeedItem[];
      if (page.length === 0) {
        assert.equal(body.next, cursor, 'an empty page keeps the cursor');
        break;
      }
      assert.ok(page.length <= 7);
      assert.equal(body.next, page.at(-1)?.version, 'next is the last version of the page');
      assert.ok(page.every((i) => i.version > cursor));
      items.push(...page);
      cursor = body.next;
      pages++;
    }
    const expected = demoMunicipalities.flatMap((code) => kosodateServicesFor(code));
    assert.equal(items.length, expected.length);
    assert.equal(pages, Math.ceil(expected.length / 7));
    const versions = items.map((i) => i.version);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
    );
    assert.equal(new Set(versions).size, versions.length, 'versions are unique');
    const byKey = new Map(items.map((i) => [`${i.municipality}/${i.id}`, i]));
    for (const def of expected) {
      const item = byKey.get(`${def.municipality}/${def.id}`);
      assert.ok(item, `${def.municipality}/${def.id} is in the feed`);
      assert.equal(item.deleted, false);
      assert.deepEqual(item.definition, def, 'the definition is served exactly as the catalogue made it');
    }
    // The default page holds everything here (limit 500).
    const all = await feed('');
    assert.equal(all.body.items.length, expected.length);
    assert.equal(all.body.next, cursor);
  });

  it('serializes definitions byte for byte as PostgreSQL stores them', async () => {
    const res = await fetch(`${agency.url}/api/public/catalogue/services?after=3&limit=5`);
    const text = await res.text();
    const { rows } = await admin.query(
      `select version::int as version, municipality_code as municipality, service_id as id, deleted, definition
       from agency.service_definition where version > 3 order by version limit 5`,
    );
    // Read around the app (its own pool and serializer): the same rows through node-postgres and JSON.stringify.
    assert.equal(text, JSON.stringify({ items: rows, next: rows.at(-1)?.version }));
    const one = rows[0] as FeedItem;
    const single = await fetch(`${agency.url}/api/public/catalogue/services/${one.municipality}/${one.id}`);
    assert.equal(single.status, 200);
    assert.match(single.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(await single.text(), JSON.stringify(one.definition));
  });

  it('answers 404 for unknown services and 400 for bad cursors', async () => {
    const unknown = await fetch(`${agency.url}/api/public/catalogue/services/131016/no-such-service`);
    assert.equal(unknown.status, 404);
    assert.equal((await readJson(unknown)).error.code, 'resource.not_found');
    const elsewhere = await fetch(`${agency.url}/api/public/catalogue/services/131130/jidou-teate-nintei`);
    assert.equal(elsewhere.status, 404, 'a municipality that published nothing');
    const badCode = await fetch(`${agency.url}/api/public/catalogue/services/13101/jidou-teate-nintei`);
    assert.equal(badCode.status, 400);
    for (const q of ['?limit=0', '?limit=1001', '?after=-1', '?after=x']) {
      const r = await feed(q);
      assert.equal(r.status, 400, q);
      assert.equal(r.body.error.code, 'request.invalid', q);
    }
    const last = (await counts()).max_version;
    assert.deepEqual((await feed(`?after=${last}`)).body, { items: [], next: last });
    assert.deepEqual((await feed(`?after=${last + 100}`)).body, { items: [], next: last + 100 });
  });

  it('documents the catalogue routes in OpenAPI, each with a summary', async () => {
    const spec = await readJson(await fetch(`${agency.url}/openapi.json`));
    const operations = [
      spec.paths['/api/public/catalogue/services']?.get,
      spec.paths['/api/public/catalogue/services/{municipality}/{id}']?.get,
      spec.paths['/api/staff/agencies/{code}/services/{id}']?.put,
      spec.paths['/api/staff/agencies/{code}/services/{id}']?.delete,
    ];
    for (const op of operations) assert.ok(op?.summary, JSON.stringify(op));
  });

  it('re-seeding adds nothing: no rows, no versions, no audit rows', async () => {
    const first = await counts();
    assert.equal(first.rows, demoMunicipalities.length * 15);
    assert.equal(first.max_version, first.rows, 'the first seed used one version per service');
    assert.equal(first.audits, 1, 'the first seed is audited once');
    await seedAgencyTenants(agency.db, allAgencies(), demoMunicipalities);
    await seedAgencyTenants(agency.db, allAgencies(), demoMunicipalities);
    assert.deepEqual(await counts(), first);
    assert.equal((await feed(`?after=${first.max_version}`)).body.items.length, 0);
  });
});
