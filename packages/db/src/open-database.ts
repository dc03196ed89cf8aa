import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';

// A DATE is a calendar day, not an instant: keep it as 'YYYY-MM-DD' so no time zone can shift a birth date.
pg.types.setTypeParser(1082, (v: string) => v);
// bigint counts fit in a JS number for everything madoguchi counts; parse them so JSON stays numeric.
pg.types.setTypeParser(20, (v: string) => Number(v));

export interface OpenOptions {
  /** postgres:// URL with the app's own role. */
  url: string;
  /** The app's schema; it is put first on the search path so queries name tables without it. */
  schema: string;
  maxConnections?: number;
  applicationName?: string;
}

export interface Database<DB> {
  db: Kysely<DB>;
  pool: pg.Pool;
  schema: string;
  close(): Promise<void>;
}

export function openDatabase<DB>(options: OpenOptions): Database<DB> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
    application_name: options.applicationName ?? `madoguchi-${options.schema}`,
    options: `-c search_path=${options.schema} -c statement_timeout=30000`,
  });
  // An idle client losing its server (restart, failover) must not crash the process; the next
  // query gets a fresh connection or a clean 503.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    pool,
    schema: options.schema,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      // Kysely ends the pool only if it used it; code that used `pool` directly needs this.
      if (!pool.ended) await pool.end();
    },
  };
}

/** True when the database answers within the timeout; used by /readyz. */
export async function ping<DB>(db: Kysely<DB>, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([sql`select 1`.execute(db).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
