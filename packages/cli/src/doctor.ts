import { createServer } from 'node:net';
import { ConfigError } from '@madoguchi/config';
import pg from 'pg';
import { loadCliConfig } from './cli-config.ts';
import { examples, services } from './services.ts';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** `madoguchi doctor`: what would stop `start` from working, each with a reason. Exit 1 if any fails. */
export async function doctor(): Promise<number> {
  const checks: Check[] = [];
  const major = Number(process.versions.node.split('.')[0]);
  checks.push({
    name: 'node',
    ok: major >= 24,
    detail: `v${process.versions.node} (needs ≥ 24; npm scripts use the pinned one)`,
  });
  let config: ReturnType<typeof loadCliConfig> | undefined;
  try {
    config = loadCliConfig();
    checks.push({ name: 'config', ok: true, detail: `mode ${config.mode}, data in ${config.dataDir}` });
  } catch (err) {
    checks.push({
      name: 'config',
      ok: false,
      detail: err instanceof ConfigError ? err.problems.join('; ') : String(err),
    });
  }
  if (config?.databaseUrl) {
    const client = new pg.Client({ connectionString: config.databaseUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      const { rows } = await client.query<{ v: string }>('show server_version');
      checks.push({ name: 'database', ok: true, detail: `PostgreSQL ${rows[0]?.v} at DATABASE_URL` });
    } catch (err) {
      checks.push({
        name: 'database',
        ok: false,
        detail: `DATABASE_URL unreachable: ${(err as Error).message}`,
      });
    } finally {
      await client.end().catch(() => {});
    }
  } else if (config) {
    const free = await portFree('127.0.0.1', config.embeddedPort);
    checks.push({
      name: 'database',
      ok: config.embeddedPort !== 5432,
      detail: `embedded PostgreSQL on port ${config.embeddedPort}${free ? ' (free)' : ' (in use: already running, or pick MADOGUCHI_EMBEDDED_PG_PORT)'}`,
    });
  }
  for (const s of services) {
    const port = Number(process.env[`${s.envPrefix}_PORT`] ?? s.defaultPort);
    const free = await portFree(config?.host ?? '127.0.0.1', port);
    checks.push({ name: `port ${s.name}`, ok: free, detail: `${port} ${free ? 'free' : 'in use'}` });
  }
  for (const e of examples) {
    const port = Number(process.env[e.portEnv] ?? e.defaultPort);
    const free = await portFree('127.0.0.1', port);
    checks.push({ name: `port ${e.name}`, ok: free, detail: `${port} ${free ? 'free' : 'in use'}` });
  }
  for (const c of checks)
    process.stdout.write(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name.padEnd(12)} ${c.detail}\n`);
  return checks.every((c) => c.ok) ? 0 : 1;
}
