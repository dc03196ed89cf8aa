import { type ChildProcess, spawn } from 'node:child_process';
import type { CliConfig } from './cli-config.ts';
import { prepareDatabase } from './database.ts';
import { residentCount, seed } from './seed.ts';
import { examples, repoRoot, services } from './services.ts';

async function waitHealthy(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs} ms`);
}

/**
 * `madoguchi start`: database, migrations, demo data when empty, then every app as its own process
 * (each is its own deployable; here they merely share a machine). Ctrl-C stops them all.
 */
export async function start(
  config: CliConfig,
  options: { residents: number },
  log: (msg: string) => void,
): Promise<void> {
  const database = await prepareDatabase(config, log);
  if ((await residentCount(database)) === 0) {
    log(`seeding demo data (${options.residents} residents)…`);
    await seed(database, options.residents, log);
  }
  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    await Promise.all(
      children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)),
    );
    await database.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  const env = { ...process.env, MADOGUCHI_DATA_DIR: config.dataDir };
  const urls: [string, string][] = [];
  for (const s of services) {
    const port = Number(process.env[`${s.envPrefix}_PORT`] ?? s.defaultPort);
    const child = spawn(process.execPath, [s.main], {
      cwd: repoRoot,
      env: { ...env, [`${s.envPrefix}_DATABASE_URL`]: database.appUrls[s.name] },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push(child);
    child.once('exit', (code) => {
      if (!stopping) {
        log(`${s.name} exited with code ${code}; stopping everything`);
        void stopAll(1);
      }
    });
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
    await waitHealthy(url, child);
    urls.push([s.name, url]);
  }
  for (const e of examples) {
    const port = Number(process.env[e.portEnv] ?? e.defaultPort);
    const child = spawn(process.execPath, [e.main], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push(child);
    const url = `http://127.0.0.1:${port}`;
    await waitHealthy(url, child);
    urls.push([e.name, url]);
  }
  log('madoguchi is running:');
  for (const [name, url] of urls) log(`  ${name.padEnd(8)} ${url}`);
  const agencyUrl = urls.find(([n]) => n === 'agency')?.[1];
  log(`  staff    ${agencyUrl}/staff (staff token: AGENCY_STAFF_TOKEN in ${config.dataDir}/secrets.json)`);
  log('Ctrl-C stops everything.');
}
