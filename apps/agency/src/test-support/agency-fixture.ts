/**
 * Starts the agency app for integration tests (this app's and other apps' suites): fixed test secrets,
 * the real tenants seeded, listening on a port chosen before boot so its published endpoint URLs are
 * right. Compose with the hub fixture by passing HUB_URL (the agency then fetches the hub key), or pin
 * a test hub key with HUB_NETWORK_PUBLIC_KEY.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, type Kysely, openDatabase, ping } from '@madoguchi/db';
import type { HttpApp } from '@madoguchi/http';
import { allAgencies, demoMunicipalities } from '@madoguchi/reference';
import type { TestDatabase } from '@madoguchi/testing';
import { buildAgencyApp } from '../app.ts';
import { type AgencyConfig, loadAgencyConfig } from '../config.ts';
import type { AgencyDB } from '../data/schema.ts';
import { seedAgencyTenants } from '../data/seed.ts';

export const agencyTestSecrets = {
  AGENCY_EXCHANGE_SECRET: 'agency-exchange-test-secret-0123456789abcdef',
  AGENCY_STAFF_TOKEN: 'agency-staff-test-token-0123456789abcdefgh',
  AGENCY_SESSION_SECRET: 'agency-session-test-secret-0123456789abcdef',
  PORTAL_MACHINE_TOKEN: 'portal-machine-test-token-0123456789abcdef',
} as const;

/** Headers for the agency staff API in tests. */
export const agencyStaffHeaders = {
  authorization: `Bearer ${agencyTestSecrets.AGENCY_STAFF_TOKEN}`,
  'x-staff-id': 'test-staff',
} as const;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningAgency {
  app: HttpApp;
  database: Database<AgencyDB>;
  db: Kysely<AgencyDB>;
  config: AgencyConfig;
  url: string;
  close(): Promise<void>;
}

/** Like startTestService, but on a port known before boot (the endpoint URLs it publishes name it). */
export async function startAgency(
  db: TestDatabase,
  env: Record<string, string> = {},
): Promise<RunningAgency> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = loadAgencyConfig({
    env: {
      MADOGUCHI_ENV: 'test',
      MADOGUCHI_DATA_DIR: mkdtempSync(join(tmpdir(), 'madoguchi-agency-fixture-')),
      LOG_LEVEL: 'silent',
      AGENCY_DATABASE_URL: db.urlFor('agency'),
      AGENCY_PORT: String(port),
      AGENCY_PUBLIC_URL: url,
      ...agencyTestSecrets,
      ...env,
    },
    warn: () => {},
  });
  const database = openDatabase<AgencyDB>({ url: db.urlFor('agency'), schema: 'agency', maxConnections: 5 });
  const app = await buildAgencyApp(config, { database, ready: () => ping(database.db) });
  await app.listen({ host: '127.0.0.1', port });
  await seedAgencyTenants(database.db, allAgencies(), demoMunicipalities);
  return {
    app,
    database,
    db: database.db,
    config,
    url,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
