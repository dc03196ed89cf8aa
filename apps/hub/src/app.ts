import { messageOf } from '@madoguchi/errors';
import { createHttpApp, type HttpApp, type ServiceContext } from '@madoguchi/http';
import { errorPageRenderer, installAssets } from '@madoguchi/ui';
import type { HubConfig } from './config.ts';
import type { HubDB } from './data/schema.ts';
import { registerAgencyRoutes } from './routes/public/agencies.ts';

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
  registerAgencyRoutes(app, ctx.database.db);
  installAssets(app);
  return app;
}
