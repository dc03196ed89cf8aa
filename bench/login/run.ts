/**
 * `npm run bench:login`: the card login verification endpoint (signature + chain + cached OCSP +
 * identify cache + session write) against a bare Fastify hello-world, jpki's OCSP responder, and
 * `openssl speed rsa2048` as the crypto ceiling — all in one run on the same machine.
 */
import { execFileSync } from 'node:child_process';
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { issueCardKeys } from '../../packages/cli/src/card-issue.ts';
import { devSecret } from '../../packages/config/src/index.ts';
import { buildOcspRequest } from '../../packages/pki/src/index.ts';
import { type LoginAttempt, prepareLogin } from '../lib/card-login.ts';
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
  verdict,
  waitReady,
} from '../lib/harness.ts';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const logins = Number(process.env.BENCH_LOGINS ?? 20_000);
// Distinct people: one person logging in 50 times at once would only measure a row lock.
const cards = Number(process.env.BENCH_CARDS ?? 100);
if (!(duration > 0) || !(logins >= 1000))
  throw new Error('BENCH_DURATION > 0 and BENCH_LOGINS >= 1000 please');
const logLevel = process.env.BENCH_LOG_LEVEL ?? 'warn';
const connections = 50;
const timing = { warmUpSeconds: 2, duration };
const targetRatio = 0.5;

interface Card {
  key: KeyObject;
  certificate: string;
  certificatePem: string;
  authCaPem: string;
}

async function issueCard(jpkiUrl: string, staffToken: string, i: number): Promise<Card> {
  const issued = await issueCardKeys(
    { url: jpkiUrl, token: staffToken, staffId: 'bench' },
    {
      residentRef: `agency:131016:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      facts: {
        familyName: '窓口',
        givenName: '試験',
        address: '東京都千代田区',
        birthDate: '1990-01-01',
        sex: 3,
      },
    },
  );
  return {
    key: issued.authKey,
    certificatePem: issued.auth.certificatePem,
    certificate: issued.auth.certificatePem.replace(/-----[^-]+-----|\s+/g, ''),
    authCaPem: issued.chain.authCaPem,
  };
}

async function prepareAttempts(n: number, portalUrl: string, cards: Card[]) {
  const attempts: LoginAttempt[] = [];
  const workers = Array.from({ length: 16 }, async () => {
    while (attempts.length < n) {
      const card = cards[attempts.length % cards.length] as Card;
      attempts.push(await prepareLogin(portalUrl, card.key, card.certificate));
    }
  });
  await Promise.all(workers);
  return attempts.slice(0, n);
}

async function loginRun(target: string, portalUrl: string, attempts: LoginAttempt[]) {
  let next = 0;
  const result = await autocannon({
    url: portalUrl,
    connections,
    amount: attempts.length,
    requests: [
      {
        method: 'POST',
        path: '/login/verify',
        setupRequest: (req) => {
          const a = attempts[next++ % attempts.length] as LoginAttempt;
          return { ...req, headers: a.headers, body: a.body };
        },
      },
    ],
  });
  return rowOf(target, result);
}

function opensslRsaSpeed(): { sign: number; verify: number } {
  const out = execFileSync('openssl', ['speed', '-seconds', '3', 'rsa2048'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const m = /rsa\s+2048 bits\s+\S+\s+\S+\s+([\d.]+)\s+([\d.]+)/.exec(out);
  if (!m) throw new Error(`cannot read openssl speed output:\n${out}`);
  return { sign: Number(m[1]), verify: Number(m[2]) };
}

const env = await benchEnv();
let exitCode = 0;
try {
  const bench = { RATE_LIMIT_MAX: '100000000', LOG_LEVEL: logLevel, HOST: '127.0.0.1' };
  const [barePort, jpkiPort, portalPort] = [await freePort(), await freePort(), await freePort()];
  const jpkiUrl = `http://127.0.0.1:${jpkiPort}`;
  const portalUrl = `http://127.0.0.1:${portalPort}`;
  const bareUrl = `http://127.0.0.1:${barePort}`;
  const bare = env.start(bareServer, { BARE_PORT: String(barePort) });
  // jpki first: it creates the shared development secrets the portal then reads.
  const jpki = env.start(join(repoRoot, 'apps/jpki/src/main.ts'), {
    ...bench,
    JPKI_PORT: String(jpkiPort),
    JPKI_PUBLIC_URL: jpkiUrl,
    JPKI_DATABASE_URL: env.database.appUrls.jpki,
  });
  await waitReady(`${jpkiUrl}/ca/auth.pem`, jpki);
  const portal = env.start(join(repoRoot, 'apps/portal/src/main.ts'), {
    ...bench,
    PORTAL_PORT: String(portalPort),
    PORTAL_PUBLIC_URL: portalUrl,
    PORTAL_DATABASE_URL: env.database.appUrls.portal,
    JPKI_URL: jpkiUrl,
    ...(process.env.BENCH_PROFILE_DIR
      ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}` }
      : {}),
  });
  await waitReady(`${bareUrl}/`, bare);
  await waitReady(`${portalUrl}/healthz`, portal);

  say(`issuing ${cards} cards (distinct people, as at a real portal)…`);
  const staffToken = devSecret(env.dataDir, 'JPKI_STAFF_TOKEN', say);
  const issued: Card[] = [];
  for (let i = 0; i < cards; i += 10)
    issued.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(10, cards - i) }, (_, j) => issueCard(jpkiUrl, staffToken, i + j)),
      )),
    );
  say(
    `preparing ${logins} + ${Math.round(logins / 10)} warm-up login attempts (GET /login + RSA signature each)…`,
  );
  const warm = await prepareAttempts(Math.round(logins / 10), portalUrl, issued);
  const attempts = await prepareAttempts(logins, portalUrl, issued);

  const rows = [await measure('bare /', { url: `${bareUrl}/`, connections }, timing)];
  say('login: warm-up…');
  await loginRun('warm-up', portalUrl, warm);
  say(`login: ${logins} verifications…`);
  rows.push(await loginRun('portal POST /login/verify', portalUrl, attempts));
  const first = issued[0] as Card;
  const ocspBody = buildOcspRequest({ certificatePem: first.certificatePem, issuerPem: first.authCaPem });
  rows.push(
    await measure(
      'jpki POST /ocsp',
      {
        url: `${jpkiUrl}/ocsp`,
        connections,
        method: 'POST',
        headers: { 'content-type': 'application/ocsp-request' },
        body: ocspBody,
      },
      timing,
    ),
  );
  say('openssl speed rsa2048 (3 s per operation)…');
  const speed = opensslRsaSpeed();

  console.log(
    `${machineLine()}, ${connections} connections; bare and OCSP ${duration} s after ${timing.warmUpSeconds} s warm-up; ` +
      `login ${logins} distinct challenges by ${cards} card holders after ${warm.length} warm-up; LOG_LEVEL=${logLevel}`,
  );
  printTable(rows);
  console.log(
    `openssl speed rsa2048 (one core): sign ${speed.sign.toFixed(0)}/s, verify ${speed.verify.toFixed(0)}/s`,
  );
  exitCode = verdict(rows, rows[1], 'login', targetRatio);
} catch (err) {
  console.error(err);
  exitCode = 1;
}
await env.finish(exitCode);
