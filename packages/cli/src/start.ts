import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { devSecret } from '@madoguchi/config';
import { staffCall } from './card-staff-clients.ts';
import type { CliConfig } from './cli-config.ts';
import { prepareDatabase } from './database.ts';
import { type DemoCard, ensureDemoCards } from './demo-cards.ts';
import {
  defaultEnrollment,
  demoExchanges,
  demoPersonResidentId,
  enrollAgencies,
  type NetworkTokens,
  type NetworkUrls,
  networkFromEnv,
  runExchange,
} from './hub-commands.ts';
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

  const env: NodeJS.ProcessEnv = { ...process.env, MADOGUCHI_DATA_DIR: config.dataDir, ...linkEnv(config) };
  // The portal and e-delivery must hold the same OAuth client secret: one value, passed to both.
  if (config.mode !== 'production' && !env.E_DELIVERY_CLIENT_SECRET)
    env.E_DELIVERY_CLIENT_SECRET = devSecret(config.dataDir, 'E_DELIVERY_CLIENT_SECRET', log);
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
  if (config.mode !== 'production') {
    const network = { ...networkFromEnv(config.dataDir, log), ...urlsOf(urls) };
    await enrollAgencies(network, defaultEnrollment, () => {});
    log(`enrolled ${defaultEnrollment.length} demo agencies on the exchange network`);
    const agent = await startDemoAgent(config, urls, log);
    children.push(agent.child);
    agent.child.once('exit', (code) => {
      if (!stopping) {
        log(`card reader agent exited with code ${code}; stopping everything`);
        void stopAll(1);
      }
    });
    urls.push(['card', agent.url]);
    printDemoCards(agent.cards, log);
    await linkDemoData(network, log);
    await demoScenarioOnce(config.dataDir, network, log);
  }
  log('madoguchi is running:');
  for (const [name, url] of urls) log(`  ${name.padEnd(8)} ${url}`);
  const agencyUrl = urls.find(([n]) => n === 'agency')?.[1];
  log(`  staff    ${agencyUrl}/staff (staff token: AGENCY_STAFF_TOKEN in ${config.dataDir}/secrets.json)`);
  if (config.mode !== 'production')
    log('  e-delivery demo logins: hanako / hanako-demo-pass, taro / taro-demo-pass (issuers: life, city)');
  log('Ctrl-C stops everything.');
}

const agentPort = Number(process.env.CARD_AGENT_PORT ?? 3090);

/**
 * How the apps find each other when they share this machine: derived from the ports chosen here,
 * so moving one port (e.g. PORTAL_PORT=4000) keeps every link right. Explicit settings win.
 */
function linkEnv(config: CliConfig): Record<string, string> {
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  const port = (prefix: string, fallback: number) => Number(process.env[`${prefix}_PORT`] ?? fallback);
  const at = (p: number) => `http://${host}:${p}`;
  const portal = at(port('PORTAL', 3000));
  const links: Record<string, string> = {
    PORTAL_URL: portal,
    PORTAL_PUBLIC_URL: portal,
    HUB_URL: at(port('HUB', 3001)),
    AGENCY_URL: at(port('AGENCY', 3002)),
    AGENCY_PUBLIC_URL: at(port('AGENCY', 3002)),
    JPKI_URL: at(port('JPKI', 3003)),
    JPKI_PUBLIC_URL: at(port('JPKI', 3003)),
    CARD_AGENT_URL: `http://127.0.0.1:${agentPort}`,
    E_DELIVERY_URL: at(port('E_DELIVERY', 3040)),
    E_DELIVERY_REDIRECT_URI: `${portal}/account/e-delivery/callback`,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(port('MAIL_CATCHER_SMTP', 2525)),
  };
  for (const key of Object.keys(links)) if (process.env[key]) delete links[key];
  return links;
}

/**
 * Development only: three demo residents with cards, held by a card reader agent on
 * 127.0.0.1:3090 (what the JPKI client software is on a real PC), so a newcomer can log in.
 */
async function startDemoAgent(
  config: CliConfig,
  urls: [string, string][],
  log: (msg: string) => void,
): Promise<{ child: ChildProcess; url: string; cards: DemoCard[] }> {
  const url = (name: string) => urls.find(([n]) => n === name)?.[1] as string;
  const secret = (name: string) => process.env[name] ?? devSecret(config.dataDir, name, log);
  const cards = await ensureDemoCards({
    dataDir: config.dataDir,
    jpkiUrl: url('jpki'),
    agencyUrl: url('agency'),
    jpkiStaffToken: secret('JPKI_STAFF_TOKEN'),
    agencyStaffToken: secret('AGENCY_STAFF_TOKEN'),
    log,
  });
  const portal = new URL(url('portal'));
  const origins = [portal.origin, `http://localhost:${portal.port}`, `http://127.0.0.1:${portal.port}`];
  const args = [`${repoRoot}bin/madoguchi.mjs`, 'card', 'reader', '--port', String(agentPort)];
  for (const c of cards) args.push('--card', c.path);
  for (const o of new Set(origins)) args.push('--origin', o);
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, MADOGUCHI_DATA_DIR: config.dataDir },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const agentUrl = `http://127.0.0.1:${agentPort}`;
  await waitHealthy(agentUrl, child);
  return { child, url: agentUrl, cards };
}

function printDemoCards(cards: DemoCard[], log: (msg: string) => void): void {
  log('demo My Number cards (in the card reader agent; development only):');
  for (const c of cards)
    log(
      `  ${c.holder.padEnd(10, '\u3000')} 利用者証明用 ${c.authPin}  署名用 ${c.signPin}  券面事項入力補助用 ${c.supportPin}`,
    );
}

function urlsOf(urls: [string, string][]): NetworkUrls {
  const url = (name: string) => urls.find(([n]) => n === name)?.[1] as string;
  return { hubUrl: url('hub'), agencyUrl: url('agency'), portalUrl: url('portal') };
}

/** Registers every demo resident with the hub (link codes) and fills the intermediate servers. Idempotent. */
async function linkDemoData(n: NetworkUrls & NetworkTokens, log: (msg: string) => void): Promise<void> {
  const agency = { url: n.agencyUrl, token: n.agencyStaffToken, staffId: 'madoguchi-start' };
  const result = await staffCall<Record<string, number>>(agency, 'POST', '/api/staff/demo/link', {});
  log(
    `exchange demo data: ${Object.entries(result)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
}

/**
 * The demo scenario, once per data directory, so デジタル 花子's やりとり履歴 is not empty on first
 * login: the lawful exchanges of `demoExchanges`, performed with the agencies' own credentials.
 */
async function demoScenarioOnce(
  dataDir: string,
  n: NetworkUrls & NetworkTokens,
  log: (msg: string) => void,
): Promise<void> {
  const marker = join(dataDir, 'demo-exchanges.done');
  if (existsSync(marker)) return;
  const residentId = await demoPersonResidentId(dataDir);
  for (const x of demoExchanges.slice(0, 2)) {
    const done = await runExchange(n, x, residentId);
    log(`demo exchange — ${x.label}: log index ${done.index}`);
  }
  writeFileSync(marker, `${new Date().toISOString()}\n`);
}
