/**
 * `npm run bench:http`: how fast the portal answers compared with a bare Fastify hello-world on
 * the same machine.
 */
import { join } from 'node:path';
import { seed } from '../../packages/cli/src/seed.ts';
import {
  bareServer,
  benchEnv,
  freePort,
  machineLine,
  measure,
  printTable,
  repoRoot,
  say,
  verdict,
  waitReady,
} from '../lib/harness.ts';

const duration = Number(process.env.BENCH_DURATION ?? 10);
if (!(duration > 0)) throw new Error(`BENCH_DURATION must be a positive number of seconds`);
// Per-request logging at info would measure pino more than the portal; overridable to see that cost.
const logLevel = process.env.BENCH_LOG_LEVEL ?? 'warn';
const connections = 50;
const timing = { warmUpSeconds: 2, duration };
const residents = 1000;
const targetRatio = 0.3;

const env = await benchEnv();
let exitCode = 0;
try {
  await seed(env.database, residents, say);
  const barePort = await freePort();
  const bare = env.start(bareServer, { BARE_PORT: String(barePort) });
  const portalPort = await freePort();
  const portal = env.start(join(repoRoot, 'apps/portal/src/main.ts'), {
    HOST: '127.0.0.1',
    PORTAL_PORT: String(portalPort),
    PORTAL_DATABASE_URL: env.database.appUrls.portal,
    LOG_LEVEL: logLevel,
    // The default (1200 per minute per client) would turn most of the run into 429s.
    RATE_LIMIT_MAX: '100000000',
  });
  const bareUrl = `http://127.0.0.1:${barePort}`;
  const portalUrl = `http://127.0.0.1:${portalPort}`;
  await waitReady(`${bareUrl}/`, bare);
  await waitReady(`${portalUrl}/healthz`, portal);

  const rows = [
    await measure('bare /', { url: `${bareUrl}/`, connections }, timing),
    await measure('portal /healthz', { url: `${portalUrl}/healthz`, connections }, timing),
    await measure('portal / (top page)', { url: `${portalUrl}/`, connections }, timing),
  ];
  console.log(
    `${machineLine()}, ${connections} connections, ${duration} s per target after ${timing.warmUpSeconds} s warm-up, ` +
      `portal LOG_LEVEL=${logLevel}, ${residents} residents seeded`,
  );
  printTable(rows);
  exitCode = verdict(rows, rows[2], 'top page', targetRatio);
} catch (err) {
  console.error(err);
  exitCode = 1;
}
await env.finish(exitCode);
