/**
 * `npm run bench:hub`: the exchange network in one run on one machine —
 *  1. a bare Fastify hello-world (the baseline every HTTP figure is compared with);
 *  2. the exchange log in-process on PostgreSQL: write-ahead append rate, sequencing rate with tree
 *     maintenance and batched signed checkpoints, generation of BENCH_LOG_ENTRIES (default 10 million)
 *     entries, inclusion-proof time and the やりとり履歴 query on that log;
 *  3. end to end over HTTP with all four apps as separate processes: the portal's わたしの情報 (permits
 *     from the hub, answers from the intermediate servers, log entries) and やりとり履歴 for logged-in people.
 * Targets (issue 5): わたしの情報 ≥ 3k req/s with p99 < 50 ms; append ≥ 20k entries/s; inclusion proof
 * < 1 ms; やりとり履歴 p99 < 10 ms at 10 million entries.
 */
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { HubDB } from '../../apps/hub/src/data/schema.ts';
import { logKeyFrom } from '../../apps/hub/src/log/log-key.ts';
import { issueCardKeys } from '../../packages/cli/src/card-issue.ts';
import { staffCall } from '../../packages/cli/src/card-staff-clients.ts';
import { defaultEnrollment, enrollAgencies } from '../../packages/cli/src/hub-commands.ts';
import { seed } from '../../packages/cli/src/seed.ts';
import { devSecret } from '../../packages/config/src/index.ts';
import { openDatabase } from '../../packages/db/src/index.ts';
import { prepareLogin } from '../lib/card-login.ts';
import {
  bareServer,
  benchEnv,
  freePort,
  machineLine,
  measure,
  printTable,
  repoRoot,
  rowOf,
  say,
  waitReady,
} from '../lib/harness.ts';
import { appendRate, generate, historyTimes, proofTimes, type Timing } from './log-phase.ts';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const logEntries = Number(process.env.BENCH_LOG_ENTRIES ?? 10_000_000);
const logPersons = Number(process.env.BENCH_LOG_PERSONS ?? Math.max(1, Math.round(logEntries / 10)));
const appendTotal = Number(process.env.BENCH_APPEND ?? 200_000);
const people = Number(process.env.BENCH_PEOPLE ?? 50);
const logLevel = process.env.BENCH_LOG_LEVEL ?? 'warn';
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const timing = { warmUpSeconds: 2, duration };

/** A card login as the reader agent performs it; returns the session cookie. */
async function login(portalUrl: string, key: KeyObject, certificate: string): Promise<string> {
  const attempt = await prepareLogin(portalUrl, key, certificate);
  const verify = await fetch(`${portalUrl}/login/verify`, { method: 'POST', ...attempt });
  if (!verify.ok) throw new Error(`login failed: HTTP ${verify.status} ${await verify.text()}`);
  const cookie = (verify.headers.get('set-cookie') ?? '').split(';')[0];
  if (!cookie) throw new Error('login without a session cookie');
  return cookie;
}

async function pageRun(target: string, url: string, path: string, cookies: string[]) {
  let next = 0;
  const options = {
    url,
    connections,
    requests: [
      {
        method: 'GET' as const,
        path,
        setupRequest: (req: { headers?: Record<string, string> }) => ({
          ...req,
          headers: { ...(req.headers ?? {}), cookie: cookies[next++ % cookies.length] as string },
        }),
      },
    ],
  };
  say(`${target}: ${timing.warmUpSeconds} s warm-up, ${duration} s measured…`);
  // biome-ignore lint/suspicious/noExplicitAny: autocannon's request hook types are looser than its Options.
  await autocannon({ ...(options as any), duration: timing.warmUpSeconds });
  // biome-ignore lint/suspicious/noExplicitAny: see above.
  return rowOf(target, await autocannon({ ...(options as any), duration }));
}

function printTimings(rows: Timing[]): void {
  for (const t of rows)
    console.log(
      `${t.label.padEnd(44)} n=${String(t.n).padStart(6)}  p50 ${t.p50.toFixed(3)} ms  p99 ${t.p99.toFixed(3)} ms  max ${t.max.toFixed(3)} ms`,
    );
}

const env = await benchEnv();
let exitCode = 0;
try {
  const hubDb = openDatabase<HubDB>({ url: env.database.appUrls.hub, schema: 'hub', maxConnections: 10 });
  const logKey = logKeyFrom(
    devSecret(env.dataDir, 'HUB_LOG_SECRET', say),
    'madoguchi.localhost/exchange-log',
  );

  say(`log append: ${appendTotal.toLocaleString()} entries in decision transactions of 4, 32 at a time…`);
  const append = await appendRate(hubDb.db, logKey, appendTotal, 4, 32);
  say(
    `generating a log of ${logEntries.toLocaleString()} entries for ${logPersons.toLocaleString()} people…`,
  );
  const generated = await generate(hubDb.db, logKey, logEntries, logPersons);
  say('inclusion proofs and やりとり履歴 queries on it…');
  const proofs = await proofTimes(hubDb.db, logKey, 2000);
  const history1 = await historyTimes(hubDb.db, logKey, logPersons, 2000, 1);
  const history8 = await historyTimes(hubDb.db, logKey, logPersons, 5000, 8);
  await hubDb.close();

  say('end to end: seeding residents, starting bare, jpki, hub, agency and portal…');
  await seed(env.database, 1000, () => {});
  const bench = { RATE_LIMIT_MAX: '100000000', LOG_LEVEL: logLevel, HOST: '127.0.0.1' };
  const ports = { bare: await freePort(), jpki: await freePort(), hub: await freePort() };
  const more = { agency: await freePort(), portal: await freePort() };
  const url = (p: number) => `http://127.0.0.1:${p}`;
  const urls = {
    bare: url(ports.bare),
    jpki: url(ports.jpki),
    hub: url(ports.hub),
    agency: url(more.agency),
    portal: url(more.portal),
  };
  const links = {
    JPKI_URL: urls.jpki,
    JPKI_PUBLIC_URL: urls.jpki,
    HUB_URL: urls.hub,
    AGENCY_URL: urls.agency,
    AGENCY_PUBLIC_URL: urls.agency,
    PORTAL_URL: urls.portal,
    PORTAL_PUBLIC_URL: urls.portal,
  };
  const bare = env.start(bareServer, { BARE_PORT: String(ports.bare) });
  const app = (name: 'jpki' | 'hub' | 'agency' | 'portal', port: number) =>
    env.start(join(repoRoot, `apps/${name}/src/main.ts`), {
      ...bench,
      ...links,
      [`${name.toUpperCase()}_PORT`]: String(port),
      [`${name.toUpperCase()}_DATABASE_URL`]: env.database.appUrls[name],
      ...(process.env.BENCH_PROFILE_DIR
        ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}/${name}` }
        : {}),
    });
  // One at a time: each may create shared development secrets the next one reads.
  const jpki = app('jpki', ports.jpki);
  await waitReady(`${urls.jpki}/ca/auth.pem`, jpki);
  const hub = app('hub', ports.hub);
  await waitReady(`${urls.hub}/healthz`, hub);
  const agency = app('agency', more.agency);
  await waitReady(`${urls.agency}/healthz`, agency);
  const portal = app('portal', more.portal);
  await waitReady(`${urls.portal}/healthz`, portal);
  await waitReady(`${urls.bare}/`, bare);

  const tokens = {
    hubAdminToken: devSecret(env.dataDir, 'HUB_ADMIN_TOKEN', say),
    agencyStaffToken: devSecret(env.dataDir, 'AGENCY_STAFF_TOKEN', say),
  };
  await enrollAgencies(
    { hubUrl: urls.hub, agencyUrl: urls.agency, portalUrl: urls.portal, ...tokens },
    defaultEnrollment,
    say,
  );
  const staff = { url: urls.agency, token: tokens.agencyStaffToken, staffId: 'bench' };
  say(`linked: ${JSON.stringify(await staffCall(staff, 'POST', '/api/staff/demo/link', {}))}`);

  say(`issuing cards to ${people} residents of 千代田区 and logging them in…`);
  const agencyDb = openDatabase<{ resident: { id: string; municipality_code: string } }>({
    url: env.database.appUrls.agency,
    schema: 'agency',
    maxConnections: 1,
  });
  const residents = await agencyDb.db
    .selectFrom('resident')
    .select('id')
    .where('municipality_code', '=', '131016')
    .orderBy('id')
    .limit(people)
    .execute();
  await agencyDb.close();
  const jpkiStaff = {
    url: urls.jpki,
    token: devSecret(env.dataDir, 'JPKI_STAFF_TOKEN', say),
    staffId: 'bench',
  };
  const cookies: string[] = [];
  for (const r of residents) {
    const issued = await issueCardKeys(jpkiStaff, {
      residentRef: `agency:131016:${r.id}`,
      facts: {
        familyName: '窓口',
        givenName: '試験',
        address: '東京都千代田区',
        birthDate: '1990-01-01',
        sex: 3,
      },
    });
    const certificate = issued.auth.certificatePem.replace(/-----[^-]+-----|\s+/g, '');
    cookies.push(await login(urls.portal, issued.authKey, certificate));
  }
  const check = await fetch(`${urls.portal}/mydata`, { headers: { cookie: cookies[0] as string } });
  const sample = await check.text();
  if (!check.ok) throw new Error(`GET /mydata answered ${check.status}: ${sample.slice(0, 300)}`);

  const rows = [await measure('bare /', { url: `${urls.bare}/`, connections }, timing)];
  rows.push(await pageRun('portal GET /mydata (わたしの情報)', urls.portal, '/mydata', cookies));
  rows.push(await pageRun('portal GET /history (やりとり履歴)', urls.portal, '/history', cookies));
  rows.push(
    await measure('hub GET /log/checkpoint', { url: `${urls.hub}/log/checkpoint`, connections }, timing),
  );

  console.log(`${machineLine()}; PostgreSQL 18 embedded; LOG_LEVEL=${logLevel}`);
  console.log('\n== exchange log (in-process, PostgreSQL) ==');
  console.log(
    `append, write-ahead (decision transactions of 4, 32 concurrent): ${append.writeAheadPerSec.toFixed(0)} entries/s`,
  );
  console.log(
    `append → sequenced with tree + checkpoints (same run):          ${append.endToEndPerSec.toFixed(0)} entries/s (target ≥ 20,000)`,
  );
  console.log(
    `sequencing alone (20k batches):                                ${append.sequenceOnlyPerSec.toFixed(0)} entries/s`,
  );
  console.log(
    `generated ${logEntries.toLocaleString()} entries for ${logPersons.toLocaleString()} people in ${(generated.ms / 1000).toFixed(1)} s (${generated.perSec.toFixed(0)}/s, of which ${(generated.indexMs / 1000).toFixed(1)} s rebuilding the secondary indexes)`,
  );
  printTimings([proofs.timing, history1.timing, history8.timing]);
  console.log(
    `inclusion proofs verified against the signed checkpoint: ${2000 - proofs.failures}/2000 (tree size ${proofs.size.toLocaleString()}); ` +
      `rows per history query ${history8.rowsPerQuery.toFixed(1)}; 検証 on the big log: ${history8.verified ? 'verified' : 'FAILED'}`,
  );
  console.log(`\n== end to end over HTTP (${people} logged-in people, ${connections} connections) ==`);
  printTable(rows);
  const mydata = rows[1];
  const pass = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  console.log(
    `targets: わたしの情報 ${mydata?.reqPerSec.toFixed(0)} req/s p99 ${mydata?.p99} ms (≥3000, <50): ${pass((mydata?.reqPerSec ?? 0) >= 3000 && (mydata?.p99 ?? 1e9) < 50)}; ` +
      `append ${append.endToEndPerSec.toFixed(0)}/s (≥20000): ${pass(append.endToEndPerSec >= 20_000)}; ` +
      `inclusion proof p99 ${proofs.timing.p99.toFixed(3)} ms (<1): ${pass(proofs.timing.p99 < 1)}; ` +
      `やりとり履歴 p99 ${history1.timing.p99.toFixed(3)} ms at ${proofs.size.toLocaleString()} (<10): ${pass(history1.timing.p99 < 10)}`,
  );
  const broken = rows.filter((r) => r.non2xx > 0 || r.errors > 0);
  if (proofs.failures > 0 || !history8.verified || broken.length > 0) {
    console.log(
      `benchmark broken: ${broken.map((r) => r.target).join(', ')} proofs failed ${proofs.failures}`,
    );
    exitCode = 1;
  }
} catch (err) {
  console.error(err);
  exitCode = 1;
}
await env.finish(exitCode);
