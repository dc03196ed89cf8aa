import { messageOf } from '@madoguchi/errors';
import { createHttpApp, type HttpApp, type ServiceContext } from '@madoguchi/http';
import { errorPageRenderer, installAssets } from '@madoguchi/ui';
import { loadBessyo2 } from './bessyo2/index.ts';
import type { HubConfig } from './config.ts';
import type { HubDB } from './data/schema.ts';
import { type ExchangeLog, installExchangeLog } from './log/index.ts';
import { registerAdminRoutes } from './routes/admin/credentials.ts';
import { installAgencyAuth, requireAgency } from './routes/agency-auth.ts';
import { registerFugoRoutes } from './routes/machine/fugo.ts';
import { registerNoticeRoutes } from './routes/machine/notices.ts';
import { registerPermitRoutes } from './routes/machine/permits.ts';
import { registerAgencyRoutes } from './routes/public/agencies.ts';
import { registerNetworkKeyRoute } from './routes/public/network-key.ts';
import type { HubContext } from './services/context.ts';
import { linkCodes } from './services/link-codes.ts';
import { networkKeyOf } from './services/network-key.ts';

const exchangeLogs = new WeakMap<HttpApp, ExchangeLog>();

/** The exchange log installed on a built hub app (tests and demo scripts call `flush()`). */
export function exchangeLogOf(app: HttpApp): ExchangeLog {
  const log = exchangeLogs.get(app);
  if (log === undefined) throw new Error('hub: not a hub app');
  return log;
}

const errorPage = errorPageRenderer(
  { ja: 'madoguchi 情報提供ネットワーク', en: 'madoguchi exchange hub' },
  '/openapi.json',
);

export async function buildHubApp(config: HubConfig, ctx: ServiceContext<HubDB>): Promise<HttpApp> {
  const app = await createHttpApp({
    name: 'hub',
    title: 'madoguchi hub',
    description: 'Information provision network: agency registry, law table, link codes, exchange log.',
    mode: config.mode,
    logLevel: config.logLevel,
    rateLimitMax: config.rateLimitMax,
    ready: ctx.ready,
    renderErrorPage: (e) => errorPage({ ...e, message: messageOf(e.code, e.lang) }),
  });
  const db = ctx.database.db;
  const registry = installAgencyAuth(app, db);
  const exchangeLog = installExchangeLog(app, { db, config, requireAgency });
  exchangeLogs.set(app, exchangeLog);
  const hub: HubContext = {
    db,
    config,
    registry,
    network: networkKeyOf(config.networkSecret),
    codes: linkCodes(config.personSecret),
    // A bad law table stops the boot with every problem listed: no decision is taken under a broken table.
    table: loadBessyo2(),
    wakeLog: () => exchangeLog.wake(),
  };
  registerAgencyRoutes(app, db);
  registerNetworkKeyRoute(app, hub.network);
  registerAdminRoutes(app, hub);
  registerFugoRoutes(app, hub);
  registerPermitRoutes(app, hub);
  registerNoticeRoutes(app, hub);
  installAssets(app);
  return app;
}
