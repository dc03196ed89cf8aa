/**
 * `npm test`: prepares both database engines once — the embedded PostgreSQL 18 and the machine's
 * PostgreSQL server (127.0.0.1:5432, or MADOGUCHI_TEST_SERVER_URL) — each with a migrated template
 * database, then runs every test file with node's test runner. Database tests run on both engines.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase, provisionAppDatabases, startEmbeddedPostgres } from '@madoguchi/db';
import pg from 'pg';

const apps = ['portal', 'hub', 'agency', 'jpki'] as const;
const root = new URL('../', import.meta.url).pathname;
const serverUrl = process.env.MADOGUCHI_TEST_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const template = `madoguchi_tpl_${process.pid}`;
const passwords = Object.fromEntries(apps.map((a) => [a, randomBytes(12).toString('hex')]));

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function prepareTemplate(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${template} with (force)`);
  await admin.query(`create database ${template}`);
  await admin.end();
  const templateAdmin = withDatabase(adminUrl, template);
  await provisionAppDatabases(
    templateAdmin,
    apps.map((a) => ({ schema: a, role: `madoguchi_${a}`, password: passwords[a] as string })),
  );
  for (const a of apps) {
    const u = new URL(templateAdmin);
    u.username = `madoguchi_${a}`;
    u.password = passwords[a] as string;
    const db = openDatabase({ url: u.toString(), schema: a, maxConnections: 1 });
    await migrate(db.pool, a, join(root, `apps/${a}/src/migrations`));
    await db.close();
  }
  // Copies need a template nobody is connected to; closed client connections leave the server a
  // moment later, so wait for that condition (bounded) rather than racing it.
  const admin2 = new pg.Client({ connectionString: adminUrl });
  await admin2.connect();
  await admin2.query(`alter database ${template} with is_template true allow_connections false`);
  for (let i = 0; i < 100; i++) {
    const { rows } = await admin2.query(
      'select count(*)::int as n from pg_stat_activity where datname = $1',
      [template],
    );
    if (rows[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await admin2.end();
}

async function dropTemplate(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`alter database ${template} with is_template false`).catch(() => {});
  await admin.query(`drop database if exists ${template} with (force)`);
  await admin.end();
}

const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-test-'));
const embeddedPassword = randomBytes(12).toString('hex');
const port = 20000 + (process.pid % 20000);
const t0 = performance.now();
const embedded = await startEmbeddedPostgres({ dataDir, port, password: embeddedPassword });
const engines = [
  { name: 'embedded', adminUrl: embedded.adminUrl, template, passwords },
  { name: 'server', adminUrl: serverUrl, template, passwords },
];
let code = 1;
try {
  for (const e of engines) await prepareTemplate(e.adminUrl);
  process.stdout.write(
    `test engines ready in ${Math.round(performance.now() - t0)} ms: embedded PostgreSQL on :${port}, server at ${new URL(serverUrl).host}\n`,
  );
  const patterns =
    process.argv.slice(2).length > 0
      ? process.argv.slice(2)
      : ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'tests/**/*.test.ts'];
  code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-concurrency=2', ...patterns], {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        MADOGUCHI_TEST_ENGINES: JSON.stringify(engines),
        MADOGUCHI_TEST_DATA_DIR: dataDir,
      },
    });
    child.on('exit', (c) => resolve(c ?? 1));
  });
} finally {
  for (const e of engines) await dropTemplate(e.adminUrl).catch(() => {});
  await embedded.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
