import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildAgencyApp } from '@madoguchi/agency';
import { loadAgencyConfig } from '@madoguchi/agency/config';
import { buildHubApp } from '@madoguchi/hub';
import { loadHubConfig } from '@madoguchi/hub/config';
import { buildJpkiApp } from '@madoguchi/jpki';
import { loadJpkiConfig } from '@madoguchi/jpki/config';
import { buildPortalApp } from '@madoguchi/portal';
import { loadPortalConfig } from '@madoguchi/portal/config';
import {
  createTestDatabase,
  type RunningTestService,
  readJson,
  startTestService,
  type TestDatabase,
  testEngines,
} from '@madoguchi/testing';

/** Style rule: every operation has a summary, so the OpenAPI document is readable. CI fails otherwise. */
describe('OpenAPI documents', () => {
  let db: TestDatabase;
  const services: RunningTestService[] = [];

  before(async () => {
    db = await createTestDatabase(testEngines()[0] as ReturnType<typeof testEngines>[number]);
    const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-openapi-'));
    const common = { db, dataDir };
    services.push(
      await startTestService({
        ...common,
        app: 'portal',
        loadConfig: loadPortalConfig,
        build: buildPortalApp,
      }),
    );
    services.push(
      await startTestService({ ...common, app: 'hub', loadConfig: loadHubConfig, build: buildHubApp }),
    );
    services.push(
      await startTestService({
        ...common,
        app: 'agency',
        loadConfig: loadAgencyConfig,
        build: buildAgencyApp,
      }),
    );
    services.push(
      await startTestService({ ...common, app: 'jpki', loadConfig: loadJpkiConfig, build: buildJpkiApp }),
    );
  });
  after(async () => {
    for (const s of services) await s.close();
    await db.drop();
  });

  it('gives every operation of every app a summary, and serves health and readiness', async () => {
    let operations = 0;
    for (const s of services) {
      const spec = await readJson(await fetch(`${s.url}/openapi.json`));
      for (const [path, methods] of Object.entries(
        spec.paths as Record<string, Record<string, { summary?: string }>>,
      )) {
        for (const [method, op] of Object.entries(methods)) {
          operations++;
          assert.ok(
            op.summary && op.summary.length > 3,
            `${s.url} ${method.toUpperCase()} ${path} has no summary`,
          );
        }
      }
      assert.equal((await fetch(`${s.url}/healthz`)).status, 200);
      assert.equal((await fetch(`${s.url}/readyz`)).status, 200);
    }
    assert.ok(operations >= 15, `${operations} operations`);
  });
});
