import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A PostgreSQL server the suite runs against: the embedded 18 and the machine's server (15 here). */
export interface TestEngine {
  name: 'embedded' | 'server';
  adminUrl: string;
  /** A database with every app's roles, schemas and migrations; test databases are copies of it. */
  template: string;
  passwords: Record<string, string>;
}

/** Set by scripts/test.ts, which starts and prepares the engines once for the whole run. */
export function testEngines(): TestEngine[] {
  const raw = process.env.MADOGUCHI_TEST_ENGINES;
  if (!raw) throw new Error('MADOGUCHI_TEST_ENGINES is not set: run the suite with `npm test`');
  return JSON.parse(raw) as TestEngine[];
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestDatabase {
  engine: TestEngine;
  name: string;
  /** URL for an app's own role in this database. */
  urlFor(app: 'portal' | 'hub' | 'agency' | 'jpki'): string;
  adminUrl: string;
  /**
   * A superuser pool on this database for assertions. It is ended by drop(), and an idle client cut
   * off by the drop (`with (force)`) is not an uncaught error in the test process.
   */
  adminPool(max?: number): pg.Pool;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test file, copied from the migrated template (a file copy in
 * PostgreSQL, so tens of milliseconds), dropped afterwards.
 */
export async function createTestDatabase(engine: TestEngine): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: engine.adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${engine.template}`);
  } finally {
    await admin.end();
  }
  const pools: pg.Pool[] = [];
  return {
    engine,
    name,
    adminUrl: withDatabase(engine.adminUrl, name),
    adminPool(max = 2) {
      const pool = new pg.Pool({ connectionString: withDatabase(engine.adminUrl, name), max });
      pool.on('error', () => {});
      pools.push(pool);
      return pool;
    },
    urlFor(app) {
      const u = new URL(withDatabase(engine.adminUrl, name));
      u.username = `madoguchi_${app}`;
      u.password = engine.passwords[app] as string;
      return u.toString();
    },
    async drop() {
      await Promise.all(pools.filter((p) => !p.ended).map((p) => p.end()));
      const c = new pg.Client({ connectionString: engine.adminUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Runs a suite once per engine, so every database test covers PostgreSQL 18 and the server's version. */
export function forEachEngine(
  describe: (name: string, fn: () => void) => void,
  suite: (engine: TestEngine) => void,
): void {
  for (const engine of testEngines()) describe(`on ${engine.name} PostgreSQL`, () => suite(engine));
}
