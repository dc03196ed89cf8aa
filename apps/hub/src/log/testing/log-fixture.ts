/** Test builders for the exchange log: a real hub database per test file and entries as the hub decides them. */
import { randomUUID } from 'node:crypto';
import { type Database, openDatabase } from '@madoguchi/db';
import type { LogEntry } from '@madoguchi/exchange';
import { createTestDatabase, type TestDatabase, type TestEngine } from '@madoguchi/testing';
import type { HubDB } from '../../data/schema.ts';
import { syntheticPerson } from '../generate.ts';
import { type LogKey, logKeyFrom } from '../log-key.ts';

export const TEST_LOG_SECRET = 'test-log-secret-0123456789abcdef0123456789';
export const TEST_ORIGIN = 'test.madoguchi.localhost/exchange-log';

export interface TestLog {
  testDb: TestDatabase;
  database: Database<HubDB>;
  key: LogKey;
  close(): Promise<void>;
}

export async function openTestLog(engine: TestEngine, maxConnections = 30): Promise<TestLog> {
  const testDb = await createTestDatabase(engine);
  const database = openDatabase<HubDB>({ url: testDb.urlFor('hub'), schema: 'hub', maxConnections });
  return {
    testDb,
    database,
    key: logKeyFrom(TEST_LOG_SECRET, TEST_ORIGIN),
    async close() {
      await database.close();
      await testDb.drop();
    },
  };
}

export const personA = syntheticPerson(1_000_001);
export const personB = syntheticPerson(1_000_002);

let clock = Date.parse('2025-04-01T00:00:00.000Z');

/** An entry as the permit decision writes it; `at` advances one minute per entry unless given. */
export function makeEntry(overrides: Partial<LogEntry> = {}): LogEntry {
  clock += 60_000;
  return {
    v: 1,
    id: randomUUID(),
    at: new Date(clock).toISOString(),
    querier: 'jps',
    provider: '131016',
    task: 'kokunen-menjo',
    infoTypes: ['chihouzei'],
    person: personA,
    outcome: 'permitted',
    reason: null,
    tableVersion: 'a'.repeat(64),
    ...overrides,
  };
}
