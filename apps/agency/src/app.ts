import { messageOf } from '@madoguchi/errors';
import { createHttpApp, type HttpApp, type ServiceContext } from '@madoguchi/http';
import { errorPageRenderer, installAssets } from '@madoguchi/ui';
import type { AgencyConfig } from './config.ts';
import type { AgencyDB } from './data/schema.ts';
import { registerStaffApi } from './routes/staff/api.ts';
import { registerStaffPages } from './routes/staff/pages.ts';
import { registerStaffResidentsApi } from './routes/staff/residents.ts';

const errorPage = errorPageRenderer(
  { ja: 'madoguchi 自治体職員用', en: 'madoguchi for agency staff' },
  '/staff',
);

export async function buildAgencyApp(config: AgencyConfig, ctx: ServiceContext<AgencyDB>): Promise<HttpApp> {
  const app = await createHttpApp({
    name: 'agency',
    title: 'madoguchi agency',
    description: 'Intermediate servers and the municipal back office, multi-tenant by agency.',
    mode: config.mode,
    logLevel: config.logLevel,
    rateLimitMax: config.rateLimitMax,
    ready: ctx.ready,
    renderErrorPage: (e) => errorPage({ ...e, message: messageOf(e.code, e.lang) }),
  });
  installAssets(app);
  registerStaffApi(app, ctx.database.db, config);
  registerStaffResidentsApi(app, ctx.database.db, config);
  registerStaffPages(app, ctx.database.db, config);
  return app;
}
