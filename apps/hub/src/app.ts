import { createHttpApp, type HttpApp, type ServiceContext } from '@madoguchi/http';
import type { HubConfig } from './config.ts';
import type { HubDB } from './data/schema.ts';
import { registerAgencyRoutes } from './routes/public/agencies.ts';

export async function buildHubApp(config: HubConfig, ctx: ServiceContext<HubDB>): Promise<HttpApp> {
  const app = await createHttpApp({
    name: 'hub',
    title: 'madoguchi hub',
    description: 'Information provision network: agency registry, law table, link codes, exchange log.',
    mode: config.mode,
    logLevel: config.logLevel,
    rateLimitMax: config.rateLimitMax,
    ready: ctx.ready,
  });
  registerAgencyRoutes(app, ctx.database.db);
  return app;
}
