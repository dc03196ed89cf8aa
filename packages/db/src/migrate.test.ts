import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, forEachEngine, type TestDatabase } from '@madoguchi/testing';
import pg from 'pg';
import { MigrationError, migrate, readMigrations } from './migrate.ts';

forEachEngine(describe, (engine) => {
  let db: TestDatabase;
  let pool: pg.Pool;
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-migrations-'));

  before(async () => {
    db = await createTestDatabase(engine);
    pool = db.adminPool(2);
    await pool.query('create schema scratch');
    writeFileSync(
      join(dir, '0001_thing.sql'),
      'create table scratch.thing (id int constraint thing_pk primary key);',
    );
    writeFileSync(join(dir, '0002_thing_name.sql'), 'alter table scratch.thing add column name text;');
  });
  after(async () => {
    await pool.end();
    await db.drop();
  });

  it('applies migrations in order once, recording a checksum for each', async () => {
    const first = await migrate(pool, 'scratch', dir);
    assert.deepEqual(first.applied, ['thing', 'thing_name']);
    const again = await migrate(pool, 'scratch', dir);
    assert.deepEqual(again, { applied: [], alreadyApplied: 2 });
    const { rows } = await pool.query(
      'select version, name, checksum from scratch.schema_migration order by version',
    );
    assert.equal(rows.length, 2);
    assert.match(rows[0].checksum, /^[0-9a-f]{64}$/);
  });

  it('refuses to run when a landed migration changed', async () => {
    writeFileSync(join(dir, '0002_thing_name.sql'), 'alter table scratch.thing add column name varchar(10);');
    await assert.rejects(
      migrate(pool, 'scratch', dir),
      (err: unknown) => err instanceof MigrationError && /0002_thing_name/.test(err.message),
    );
    writeFileSync(join(dir, '0002_thing_name.sql'), 'alter table scratch.thing add column name text;');
  });

  it('rolls back a failing migration entirely', async () => {
    writeFileSync(
      join(dir, '0003_broken.sql'),
      'create table scratch.half (id int); select * from scratch.nowhere;',
    );
    await assert.rejects(migrate(pool, 'scratch', dir), MigrationError);
    const { rows } = await pool.query("select to_regclass('scratch.half') as t");
    assert.equal(rows[0].t, null);
    const versions = await pool.query('select max(version) as v from scratch.schema_migration');
    assert.equal(versions.rows[0].v, 2);
  });

  it('each app role owns only its own schema', async () => {
    const portal = new pg.Client({ connectionString: db.urlFor('portal') });
    await portal.connect();
    try {
      await assert.rejects(portal.query('select count(*) from agency.resident'), /permission denied/);
      const own = await portal.query('select count(*)::int as n from portal.inquiry');
      assert.equal(own.rows[0].n, 0);
    } finally {
      await portal.end();
    }
  });
});

describe('readMigrations', () => {
  it('rejects badly named or non-consecutive files', () => {
    const bad = mkdtempSync(join(tmpdir(), 'madoguchi-bad-'));
    writeFileSync(join(bad, '0001_ok.sql'), 'select 1;');
    writeFileSync(join(bad, '0003_gap.sql'), 'select 1;');
    assert.throws(() => readMigrations(bad), /expected version 2/);
    const worse = mkdtempSync(join(tmpdir(), 'madoguchi-bad-'));
    writeFileSync(join(worse, '1_Init.sql'), 'select 1;');
    assert.throws(() => readMigrations(worse), /NNNN_what\.sql/);
  });

  it('finds every app migration well named, with named constraints', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    for (const app of ['portal', 'hub', 'agency', 'jpki']) {
      const dir = new URL(`../../../apps/${app}/src/migrations/`, import.meta.url).pathname;
      const files = readMigrations(dir);
      assert.ok(files.length >= 2, app);
      let checked = 0;
      for (const f of readdirSync(dir)) {
        const text = readFileSync(join(dir, f), 'utf8');
        // Unnamed constraints get generated names; every one is named so errors can map to codes.
        const constraintLines = text
          .split('\n')
          .filter(
            (l) =>
              /\b(primary key|unique|references|check)\b/i.test(l) &&
              !/^\s*(--|create unique index)/i.test(l),
          );
        checked += constraintLines.length;
        for (const line of constraintLines)
          assert.match(line, /\bconstraint \w+_(pk|uq|fk|ck)\b/, `${app}/${f}: ${line.trim()}`);
        for (const m of text.matchAll(/create (unique )?index (\w+)/gi))
          assert.match(m[2] as string, /_(ix|uq)$/, `${app}/${f}`);
      }
      assert.ok(checked > 0, `${app}: no constraints found to check`);
    }
  });

  it('gives every app the same audit_event table', async () => {
    const { readFileSync } = await import('node:fs');
    const tableOf = (app: string) => {
      const text = readFileSync(
        new URL(`../../../apps/${app}/src/migrations/0001_audit_event.sql`, import.meta.url),
        'utf8',
      );
      return /create table audit_event \([\s\S]*?\n\);/.exec(text)?.[0];
    };
    const portal = tableOf('portal');
    assert.ok(portal);
    for (const app of ['hub', 'agency', 'jpki']) assert.equal(tableOf(app), portal, app);
  });
});
