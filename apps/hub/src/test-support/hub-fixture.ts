/**
 * A running hub for tests (its own and other apps'): fixed secrets, every agency registered, and a helper
 * that enrolls an agency's credential the way `madoguchi hub enroll` does.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allAgencies } from '@madoguchi/reference';
import { type RunningTestService, startTestService, type TestDatabase } from '@madoguchi/testing';
import { buildHubApp, exchangeLogOf } from '../app.ts';
import { type HubConfig, loadHubConfig } from '../config.ts';
import type { HubDB } from '../data/schema.ts';
import { seedHubAgencies } from '../data/seed-agencies.ts';

export const testHubSecrets = {
  HUB_NETWORK_SECRET: 'n'.repeat(40),
  HUB_PERSON_SECRET: 'h'.repeat(40),
  HUB_LOG_SECRET: 'l'.repeat(40),
  HUB_ADMIN_TOKEN: 'a'.repeat(40),
  HUB_SUPERVISOR_TOKEN: 'o'.repeat(40),
  JPKI_HUB_API_KEY: 'j'.repeat(40),
} as const;

export type TestHub = RunningTestService<HubDB> & { config: HubConfig };

/** Starts a hub on `db` (registry seeded); `env` overrides, e.g. `JPKI_URL` of a test jpki. */
export async function startHub(db: TestDatabase, env: Record<string, string> = {}): Promise<TestHub> {
  const hub = await startTestService<HubConfig, HubDB>({
    db,
    app: 'hub',
    loadConfig: loadHubConfig,
    build: buildHubApp,
    env: { ...testHubSecrets, ...env },
    dataDir: mkdtempSync(join(tmpdir(), 'madoguchi-hub-')),
  });
  await seedHubAgencies(hub.database.db, allAgencies());
  return hub;
}

/** Enrolls an agency through the admin API; throws with the hub's answer if it refuses. */
export async function enrollAgency(
  hubUrl: string,
  code: string,
  publicKeyB64: string,
  endpointUrl: string | null,
): Promise<void> {
  const res = await fetch(`${hubUrl}/api/admin/agencies/${code}/credential`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${testHubSecrets.HUB_ADMIN_TOKEN}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ publicKey: publicKeyB64, endpointUrl }),
  });
  if (res.status !== 200) throw new Error(`enroll ${code}: ${res.status} ${await res.text()}`);
}

/** Waits until every decided entry is sequenced into the log (so it has an index and a proof). */
export function flushLog(hub: TestHub): Promise<void> {
  return exchangeLogOf(hub.app).flush();
}
