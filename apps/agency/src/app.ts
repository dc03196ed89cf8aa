import { messageOf } from '@madoguchi/errors';
import { createHttpApp, type HttpApp, type ServiceContext } from '@madoguchi/http';
import { errorPageRenderer, installAssets } from '@madoguchi/ui';
import type { AgencyConfig } from './config.ts';
import type { AgencyDB } from './data/schema.ts';
import { registerIntermediateApi } from './routes/intermediate/index.ts';
import { registerPublicCatalogueApi } from './routes/public/catalogue.ts';
import { registerStaffApi } from './routes/staff/api.ts';
import { registerStaffCatalogueApi } from './routes/staff/catalogue.ts';
import { registerStaffExchangeApi } from './routes/staff/exchanges.ts';
import { registerStaffNoticesApi } from './routes/staff/notices.ts';
import { registerStaffNoticesPages } from './routes/staff/notices-pages.ts';
import { registerStaffPages } from './routes/staff/pages.ts';
import { registerStaffRecordsApi } from './routes/staff/records.ts';
import { registerStaffRecordsPages } from './routes/staff/records-pages.ts';
import { registerStaffResidentsApi } from './routes/staff/residents.ts';
import { exchangeKeys } from './services/exchange/keys.ts';
import { startNoticeJobs } from './services/notices/notice-jobs.ts';

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
  const keys = exchangeKeys(config);
  registerIntermediateApi(app, ctx.database.db, keys);
  registerStaffApi(app, ctx.database.db, config);
  registerStaffResidentsApi(app, ctx.database.db, config);
  registerStaffRecordsApi(app, ctx.database.db, config);
  registerStaffExchangeApi(app, ctx.database.db, config, keys);
  registerStaffPages(app, ctx.database.db, config);
  registerStaffRecordsPages(app, ctx.database.db, config);
  // Notices (docs/notices.md): staff API and page, and the job worker (fan-out, daily age schedule).
  registerStaffNoticesApi(app, ctx.database.db, config);
  registerStaffNoticesPages(app, ctx.database.db, config);
  // Service catalogue (issue 7): staff publish, everyone (the portal first) follows the public feed.
  registerStaffCatalogueApi(app, ctx.database.db, config);
  registerPublicCatalogueApi(app, ctx.database.db);
  const jobs = await startNoticeJobs(ctx.database, config, keys, app.log);
  if (jobs) app.addHook('onClose', () => jobs.stop());
  return app;
}
