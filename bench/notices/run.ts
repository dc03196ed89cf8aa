/**
 * `npm run bench:notices`: お知らせ at the scale of a large city, in one run on one machine —
 *  1. a bare Fastify hello-world (the baseline every HTTP figure is compared with);
 *  2. BENCH_NOTICE_PERSONS (default 1,000,000) generated residents of 千代田区 registered on the network;
 *  3. a segment notice to all of them sent through the staff API: the agency's fan-out job, the hub's
 *     addressing and the portal's store, with the time until the first recipient's inbox shows it and
 *     until the last recipient's does;
 *  4. a segment notice to one age cohort whose members linked e-delivery: signed webhooks per second from
 *     the portal's job worker to examples/e-delivery (a separate process), compared with bare POSTs;
 *  5. inbox page query (the portal's own readInbox service, with its audit row) at 1M recipients × 50
 *     notices, 1 and 8 at a time, and `GET /notices` over HTTP with session cookies.
 * Targets (issue 6): first recipient < 10 s; inbox query p99 < 20 ms.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type pg from 'pg';
import type { PortalDB } from '../../apps/portal/src/data/schema.ts';
import { readInbox } from '../../apps/portal/src/services/notices/inbox.ts';
import { hashSessionId } from '../../apps/portal/src/services/sessions.ts';
import { staffCall } from '../../packages/cli/src/card-staff-clients.ts';
import { defaultEnrollment, enrollAgencies } from '../../packages/cli/src/hub-commands.ts';
import { seed } from '../../packages/cli/src/seed.ts';
import { devSecret } from '../../packages/config/src/index.ts';
import { openDatabase } from '../../packages/db/src/index.ts';
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
import { generatePersons } from './generate.ts';

const persons = Number(process.env.BENCH_NOTICE_PERSONS ?? 1_000_000);
const noticesPerPerson = Number(process.env.BENCH_NOTICES ?? 50);
const sampleAccounts = Number(process.env.BENCH_ACCOUNTS ?? 2000);
const cohortAge = Number(process.env.BENCH_COHORT_AGE ?? 45);
const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const logLevel = process.env.BENCH_LOG_LEVEL ?? 'warn';
const timing = { warmUpSeconds: 2, duration };
const municipality = '131016';
/** The portal's job worker concurrency (PORTAL_JOB_CONCURRENCY), and the baseline's. */
const workerConcurrency = Number(process.env.BENCH_JOB_CONCURRENCY ?? 4);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Percentiles {
  label: string;
  n: number;
  p50: number;
  p99: number;
  max: number;
}

function percentiles(label: string, samples: number[]): Percentiles {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
  return { label, n: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? Number.NaN };
}

/** JST calendar date, as the agency evaluates ages. */
function jstToday(): string {
  return new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
}

/** Portal link codes of residents, found the way the hub links them (municipality code → person → portal). */
async function portalFugos(hub: pg.Pool, muniFugos: string[]): Promise<string[]> {
  const { rows } = await hub.query<{ fugo: string }>(
    `select p.fugo from unnest($1::text[]) with ordinality as m(f, i)
       join fugo a on a.agency_code = $2 and a.fugo = m.f
       join fugo p on p.agency_code = 'portal' and p.person_id = a.person_id
     order by m.i`,
    [muniFugos, municipality],
  );
  return rows.map((r) => r.fugo);
}

/** Accounts (and sessions) for people who never logged in: as a card login would have left them. */
async function createAccounts(portal: pg.Pool, prefix: string, fugos: string[]) {
  const subjects = fugos.map((_, i) => `bench-${prefix}-${i}`);
  const sessionIds = fugos.map(() => randomBytes(32).toString('base64url'));
  await portal.query(
    `insert into account (subject, nickname, fugo) select s, 'ベンチ', f from unnest($1::text[], $2::text[]) as t(s, f)`,
    [subjects, fugos],
  );
  await portal.query(
    `insert into session (id_hash, subject, csrf_token, expires_at)
     select h, s, 'bench', now() + interval '1 day' from unnest($1::bytea[], $2::text[]) as t(h, s)`,
    [sessionIds.map(hashSessionId), subjects],
  );
  return { subjects, cookies: sessionIds.map((id) => `madoguchi_session=${id}`) };
}

async function sendSegmentNotice(
  staff: { url: string; token: string; staffId: string },
  title: string,
  kind: string,
  conditions: unknown[],
): Promise<string> {
  const res = await staffCall<{ id: string }>(staff, 'POST', `/api/staff/agencies/${municipality}/notices`, {
    kind,
    title,
    body: 'ベンチマークのお知らせです。詳しくは https://www.city.chiyoda.lg.jp/ をご覧ください。',
    audience: { type: 'segment', rule: { all: conditions } },
  });
  return res.id;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 10) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

async function inboxTimes(
  db: ReturnType<typeof openDatabase<PortalDB>>['db'],
  subjects: string[],
  parallel: number,
) {
  const samples: number[] = [];
  let next = 0;
  let rows = 0;
  const total = Math.max(subjects.length, 2000);
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < total) {
        const subject = subjects[next++ % subjects.length] as string;
        const t0 = performance.now();
        const page = await readInbox(db, { subject, requestId: `bench-${next}` }, {});
        samples.push(performance.now() - t0);
        rows += page.items.length;
      }
    }),
  );
  return { timing: percentiles(`readInbox, ${parallel} at a time`, samples), rowsPerPage: rows / total };
}

const env = await benchEnv();
let exitCode = 0;
try {
  say('seeding the demo residents, starting bare, jpki, hub, agency, portal and e-delivery…');
  await seed(env.database, 1000, () => {});
  const bench = { RATE_LIMIT_MAX: '100000000', LOG_LEVEL: logLevel, HOST: '127.0.0.1' };
  const port = {
    bare: await freePort(),
    jpki: await freePort(),
    hub: await freePort(),
    agency: await freePort(),
    portal: await freePort(),
    eDelivery: await freePort(),
  };
  const url = (p: number) => `http://127.0.0.1:${p}`;
  const urls = {
    bare: url(port.bare),
    jpki: url(port.jpki),
    hub: url(port.hub),
    agency: url(port.agency),
    portal: url(port.portal),
    eDelivery: url(port.eDelivery),
  };
  const clientSecret = randomBytes(24).toString('base64url');
  const links = {
    JPKI_URL: urls.jpki,
    JPKI_PUBLIC_URL: urls.jpki,
    HUB_URL: urls.hub,
    AGENCY_URL: urls.agency,
    AGENCY_PUBLIC_URL: urls.agency,
    PORTAL_URL: urls.portal,
    PORTAL_PUBLIC_URL: urls.portal,
    E_DELIVERY_URL: urls.eDelivery,
    E_DELIVERY_CLIENT_SECRET: clientSecret,
  };
  const bare = env.start(bareServer, { BARE_PORT: String(port.bare) });
  const app = (name: 'jpki' | 'hub' | 'agency' | 'portal', p: number) =>
    env.start(join(repoRoot, `apps/${name}/src/main.ts`), {
      ...bench,
      ...links,
      [`${name.toUpperCase()}_PORT`]: String(p),
      [`${name.toUpperCase()}_DATABASE_URL`]: env.database.appUrls[name],
      PORTAL_JOB_CONCURRENCY: String(workerConcurrency),
    });
  // One at a time: each may create shared development secrets the next one reads.
  await waitReady(`${urls.jpki}/ca/auth.pem`, app('jpki', port.jpki));
  await waitReady(`${urls.hub}/healthz`, app('hub', port.hub));
  await waitReady(`${urls.agency}/healthz`, app('agency', port.agency));
  await waitReady(`${urls.portal}/healthz`, app('portal', port.portal));
  const eDelivery = env.start(join(repoRoot, 'examples/e-delivery/src/main.ts'), {
    ...bench,
    ...links,
    E_DELIVERY_PORT: String(port.eDelivery),
    E_DELIVERY_REDIRECT_URI: `${urls.portal}/account/e-delivery/callback`,
  });
  await waitReady(`${urls.eDelivery}/healthz`, eDelivery);
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
  await staffCall(staff, 'POST', '/api/staff/demo/link', {});

  const hub = openDatabase({ url: env.database.appUrls.hub, schema: 'hub', maxConnections: 4 });
  const agency = openDatabase({ url: env.database.appUrls.agency, schema: 'agency', maxConnections: 4 });
  const portal = openDatabase<PortalDB>({
    url: env.database.appUrls.portal,
    schema: 'portal',
    maxConnections: 10,
  });

  say(`generating ${persons.toLocaleString()} residents of 千代田区 on the network…`);
  const generated = await generatePersons({
    agencyPool: agency.pool,
    hubPool: hub.pool,
    personSecret: devSecret(env.dataDir, 'HUB_PERSON_SECRET', say),
    municipality,
    count: persons,
    // Past any demo seed count: the generator shares the seed's My Number bijection.
    offset: 10_000_000,
  });
  await agency.pool.query('analyze resident');
  await hub.pool.query('analyze person; analyze fugo');

  // The first recipient in fan-out order (the agency walks its link codes in order), a random sample
  // for the inbox figures, and one age cohort who linked e-delivery.
  const first = await agency.pool.query<{ fugo: string }>(
    'select fugo from resident where municipality_code = $1 and fugo is not null order by fugo limit 1',
    [municipality],
  );
  const sample = await agency.pool.query<{ fugo: string }>(
    `select fugo from resident tablesample system (1) where municipality_code = $1 and fugo is not null
       and fugo <> $3 limit $2`,
    [municipality, sampleAccounts, first.rows[0]?.fugo],
  );
  const cohort = await agency.pool.query<{ fugo: string }>(
    `select fugo from resident where municipality_code = $1 and fugo is not null
       and extract(year from age($2::date, birth_date)) = $3`,
    [municipality, jstToday(), cohortAge],
  );
  const firstAccount = await createAccounts(
    portal.pool,
    'first',
    await portalFugos(
      hub.pool,
      first.rows.map((r) => r.fugo),
    ),
  );
  const sampled = await createAccounts(
    portal.pool,
    'sample',
    await portalFugos(
      hub.pool,
      sample.rows.map((r) => r.fugo),
    ),
  );
  const sampledSet = new Set(sample.rows.map((r) => r.fugo));
  const cohortFugos = await portalFugos(
    hub.pool,
    cohort.rows.map((r) => r.fugo).filter((f) => !sampledSet.has(f) && f !== first.rows[0]?.fugo),
  );
  const linked = await createAccounts(portal.pool, 'cohort', cohortFugos);
  const { openStore } = await import('../../examples/e-delivery/src/store.ts');
  const store = openStore(join(env.dataDir, 'e-delivery'));
  const mailbox = (
    store.prepare("select mailbox_id from users where login = 'hanako'").get() as { mailbox_id: string }
  ).mailbox_id;
  store.close();
  await portal.pool.query(
    `insert into e_delivery_link (subject, mailbox_id, access_token_enc, kinds)
     select s, $2, $3, array['checkup','vaccination','status_report','correction','result','payment','tax','benefit','general']
     from unnest($1::text[]) as t(s)`,
    [linked.subjects, mailbox, randomBytes(44)],
  );
  const firstSubject = firstAccount.subjects[0] as string;

  say(`segment notice to every resident of 千代田区 (${persons.toLocaleString()} + the demo residents)…`);
  const t0 = performance.now();
  const noticeId = await sendSegmentNotice(staff, '特定健康診査のご案内（ベンチ）', 'checkup', [
    { field: 'resident.municipality', op: 'eq', value: municipality },
  ]);
  const accepted = performance.now() - t0;
  const firstVisible = await until(
    'the first recipient’s inbox',
    async () => {
      const page = await readInbox(portal.db, { subject: firstSubject, requestId: 'bench-first' }, {});
      return page.items.length > 0 ? performance.now() - t0 : undefined;
    },
    120_000,
  );
  const status = await until(
    'the fan-out to finish',
    async () => {
      const s = await staffCall<{ status: string; recipients?: { total?: number; delivered?: number } }>(
        staff,
        'GET',
        `/api/staff/agencies/${municipality}/notices/${noticeId}`,
      );
      return s.status === 'sent' || s.status === 'failed' ? { ...s, ms: performance.now() - t0 } : undefined;
    },
    3_600_000,
    250,
  );
  const portalNotice = await portal.pool.query<{ id: string; n: string }>(
    `select n.id, (select count(*) from notice_delivery d where d.notice_id = n.id) as n
       from notice n where n.agency_notice_id = $1`,
    [noticeId],
  );
  const bigNotice = portalNotice.rows[0];
  if (!bigNotice) throw new Error('the segment notice never reached the portal');

  say(`segment notice to the age-${cohortAge} cohort; ${linked.subjects.length} of them linked e-delivery…`);
  const w0 = performance.now();
  const cohortNotice = await sendSegmentNotice(staff, '健康診査のご案内（ベンチ・年齢別）', 'checkup', [
    { field: 'resident.municipality', op: 'eq', value: municipality },
    { field: 'resident.ageYears', op: 'eq', value: cohortAge },
  ]);
  const webhooks = await until(
    'the webhooks to be delivered',
    async () => {
      const { rows } = await portal.pool.query<{
        total: string;
        delivered: string;
        dead: string;
        span: number | null;
      }>(
        `select count(*) as total, count(*) filter (where w.status = 'delivered') as delivered,
           count(*) filter (where w.status = 'dead') as dead,
           extract(epoch from max(w.delivered_at) - min(w.created_at)) * 1000 as span
         from e_delivery_webhook w join notice n on n.id = w.notice_id where n.agency_notice_id = $1`,
        [cohortNotice],
      );
      const r = rows[0];
      const s = await staffCall<{ status: string }>(
        staff,
        'GET',
        `/api/staff/agencies/${municipality}/notices/${cohortNotice}`,
      );
      if (!r || s.status !== 'sent' || Number(r.total) === 0) return undefined;
      return Number(r.delivered) + Number(r.dead) >= Number(r.total)
        ? {
            total: Number(r.total),
            delivered: Number(r.delivered),
            dead: Number(r.dead),
            spanMs: Number(r.span),
            ms: performance.now() - w0,
          }
        : undefined;
    },
    1_800_000,
    250,
  );
  // The same number of bare POSTs with the same concurrency as the portal's worker.
  const b0 = performance.now();
  let bareSent = 0;
  await Promise.all(
    Array.from({ length: workerConcurrency }, async () => {
      while (bareSent < webhooks.total) {
        bareSent++;
        const res = await fetch(`${urls.bare}/`, {
          method: 'POST',
          body: '{}',
          headers: { 'content-type': 'application/json' },
        });
        await res.arrayBuffer();
      }
    }),
  );
  const bareMs = performance.now() - b0;

  say(`${noticesPerPerson - 2} more notices to the same million, written straight into the portal's tables…`);
  const c0 = performance.now();
  for (let i = 0; i < noticesPerPerson - 2; i++) {
    const { rows } = await portal.pool.query<{ id: string }>(
      `insert into notice (agency_code, agency_notice_id, content_hash, kind, title, body, actions, sent_at, expires_at)
       select agency_code, $2, content_hash, kind, title || ' ' || $3, body, actions, sent_at - make_interval(days => $3::int), expires_at
       from notice where id = $1 returning id`,
      [bigNotice.id, randomUUID(), i + 1],
    );
    await portal.pool.query(
      'insert into notice_delivery (recipient_no, notice_id) select recipient_no, $2 from notice_delivery where notice_id = $1',
      [bigNotice.id, rows[0]?.id],
    );
    if (i % 10 === 9) say(`  ${i + 1} / ${noticesPerPerson - 2}`);
  }
  await portal.pool.query('vacuum analyze notice_delivery');
  await portal.pool.query('vacuum analyze notice');
  const copiedMs = performance.now() - c0;
  const deliveries = await portal.pool.query<{ n: string }>('select count(*) as n from notice_delivery');

  say('inbox queries…');
  const inbox1 = await inboxTimes(portal.db, sampled.subjects, 1);
  const inbox8 = await inboxTimes(portal.db, sampled.subjects, 8);

  let next = 0;
  const inboxOptions = {
    url: urls.portal,
    connections,
    requests: [
      {
        method: 'GET' as const,
        path: '/notices',
        setupRequest: (req: { headers?: Record<string, string> }) => ({
          ...req,
          headers: {
            ...(req.headers ?? {}),
            cookie: sampled.cookies[next++ % sampled.cookies.length] as string,
          },
        }),
      },
    ],
  };
  const check = await fetch(`${urls.portal}/notices`, { headers: { cookie: sampled.cookies[0] as string } });
  const body = await check.text();
  if (!check.ok || !body.includes('data-testid="notice-item"'))
    throw new Error(`GET /notices answered ${check.status} without notices: ${body.slice(0, 300)}`);
  const rows = [await measure('bare /', { url: `${urls.bare}/`, connections }, timing)];
  say(`portal GET /notices: ${timing.warmUpSeconds} s warm-up, ${duration} s measured…`);
  // biome-ignore lint/suspicious/noExplicitAny: autocannon's request hook types are looser than its Options.
  await autocannon({ ...(inboxOptions as any), duration: timing.warmUpSeconds });
  // biome-ignore lint/suspicious/noExplicitAny: see above.
  const inboxRun = await autocannon({ ...(inboxOptions as any), duration });
  rows.push(rowOf(`portal GET /notices (お知らせ, ${noticesPerPerson} per person)`, inboxRun));
  await Promise.all([hub.close(), agency.close(), portal.close()]);

  const total = Number(bigNotice.n);
  console.log(`${machineLine()}; PostgreSQL 18 embedded; LOG_LEVEL=${logLevel}`);
  console.log('\n== segment notice to a whole city (staff API → agency fan-out → hub → portal) ==');
  console.log(
    `generated ${generated.persons.toLocaleString()} residents in ${generated.seconds.toFixed(1)} s; the notice reached ${total.toLocaleString()} recipients`,
  );
  console.log(`staff API accepted the notice (202) in ${accepted.toFixed(0)} ms`);
  console.log(`first recipient's inbox shows it after ${(firstVisible / 1000).toFixed(2)} s (target < 10 s)`);
  console.log(
    `fan-out ${status.status} after ${(status.ms / 1000).toFixed(1)} s: ${(total / (status.ms / 1000)).toFixed(0)} recipients/s`,
  );
  console.log('\n== e-delivery webhooks (portal job worker → examples/e-delivery, RFC 9421 signed) ==');
  console.log(
    `${webhooks.delivered}/${webhooks.total} delivered (${webhooks.dead} dead), first queued → last delivered ${(webhooks.spanMs / 1000).toFixed(1)} s: ` +
      `${(webhooks.delivered / (webhooks.spanMs / 1000)).toFixed(0)} deliveries/s; notice sent → all delivered ${(webhooks.ms / 1000).toFixed(1)} s`,
  );
  console.log(
    `baseline: the same number of unsigned POSTs to bare Fastify, ${workerConcurrency} at a time: ${(webhooks.total / (bareMs / 1000)).toFixed(0)} req/s`,
  );
  console.log(`\n== inbox at ${persons.toLocaleString()} recipients × ${noticesPerPerson} notices ==`);
  console.log(
    `${noticesPerPerson - 2} notices copied in ${(copiedMs / 1000).toFixed(1)} s; notice_delivery holds ${Number(deliveries.rows[0]?.n).toLocaleString()} rows`,
  );
  for (const t of [inbox1.timing, inbox8.timing])
    console.log(
      `${t.label.padEnd(28)} n=${t.n}  p50 ${t.p50.toFixed(2)} ms  p99 ${t.p99.toFixed(2)} ms  max ${t.max.toFixed(2)} ms`,
    );
  console.log(`items per page ${inbox1.rowsPerPage.toFixed(1)}`);
  printTable(rows);
  const pass = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  console.log(
    `targets: first recipient ${(firstVisible / 1000).toFixed(2)} s (<10): ${pass(firstVisible < 10_000)}; ` +
      `inbox query p99 ${inbox1.timing.p99.toFixed(2)} ms (<20): ${pass(inbox1.timing.p99 < 20)}`,
  );
  const broken = rows.filter((r) => r.non2xx > 0 || r.errors > 0);
  if (status.status !== 'sent' || webhooks.dead > 0 || broken.length > 0 || inbox1.rowsPerPage < 1) {
    console.log('benchmark broken: a failed fan-out, dead webhooks, failed requests or empty inboxes');
    exitCode = 1;
  }
} catch (err) {
  console.error(err);
  exitCode = 1;
}
await env.finish(exitCode);
