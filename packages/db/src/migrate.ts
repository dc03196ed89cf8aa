import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';

export interface MigrationFile {
  version: number;
  name: string;
  checksum: string;
  sql: string;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

const fileName = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function readMigrations(dir: string): MigrationFile[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  return files.map((file, i) => {
    const m = fileName.exec(file);
    if (!m) throw new MigrationError(`${dir}/${file}: migration files are named NNNN_what.sql`);
    const version = Number(m[1]);
    if (version !== i + 1)
      throw new MigrationError(`${dir}/${file}: expected version ${i + 1}; versions are consecutive`);
    const text = readFileSync(join(dir, file), 'utf8');
    return {
      version,
      name: m[2] as string,
      checksum: createHash('sha256').update(text).digest('hex'),
      sql: text,
    };
  });
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies the app's migrations in order, each in its own transaction, under an advisory lock so two
 * processes booting together do not race. Migrations are append-only: if a file that already ran
 * has changed, nothing runs and boot stops — fix it with a new migration instead.
 */
export async function migrate(pool: pg.Pool, schema: string, dir: string): Promise<MigrateResult> {
  const files = readMigrations(dir);
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [`madoguchi.migrate.${schema}`]);
    await client.query(`create table if not exists ${schema}.schema_migration (
      version integer constraint schema_migration_pk primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`);
    const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
      `select version, name, checksum from ${schema}.schema_migration order by version`,
    );
    const byVersion = new Map(rows.map((r) => [r.version, r]));
    const changed = files.filter(
      (f) => byVersion.has(f.version) && byVersion.get(f.version)?.checksum !== f.checksum,
    );
    if (changed.length > 0) {
      throw new MigrationError(
        `${schema}: landed migrations changed since they were applied: ${changed.map((f) => `${String(f.version).padStart(4, '0')}_${f.name}`).join(', ')}. Migrations are append-only; restore them and add a new one.`,
      );
    }
    const unknown = rows.filter((r) => !files.some((f) => f.version === r.version));
    if (unknown.length > 0) {
      throw new MigrationError(
        `${schema}: the database has migrations this code does not know (${unknown.map((r) => r.name).join(', ')}); is this an older release?`,
      );
    }
    const applied: string[] = [];
    for (const file of files) {
      if (byVersion.has(file.version)) continue;
      await client.query('begin');
      try {
        await client.query(file.sql);
        await client.query(
          `insert into ${schema}.schema_migration (version, name, checksum) values ($1, $2, $3)`,
          [file.version, file.name, file.checksum],
        );
        await client.query('commit');
      } catch (err) {
        await client.query('rollback');
        throw new MigrationError(`${schema}: migration ${file.name} failed: ${(err as Error).message}`);
      }
      applied.push(file.name);
    }
    return { applied, alreadyApplied: files.length - applied.length };
  } finally {
    await client
      .query('select pg_advisory_unlock(hashtext($1))', [`madoguchi.migrate.${schema}`])
      .catch(() => {});
    client.release();
  }
}
