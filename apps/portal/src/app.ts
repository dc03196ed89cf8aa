import { createHttpApp, type HttpApp, type ServiceContext } from '@madoguchi/http';
import { installAssets } from '@madoguchi/ui';
import type { PortalConfig } from './config.ts';
import type { PortalDB } from './data/schema.ts';
import { renderErrorPage } from './pages/error-page.ts';
import { registerMachineInquiryRoutes } from './routes/machine/inquiries.ts';
import { registerInquiryRoutes } from './routes/public/inquiry.ts';
import { registerPageRoutes } from './routes/public/pages.ts';

export async function buildPortalApp(config: PortalConfig, ctx: ServiceContext<PortalDB>): Promise<HttpApp> {
  const app = await createHttpApp({
    name: 'portal',
    title: 'madoguchi portal',
    description: 'Citizen web pages and their API.',
    mode: config.mode,
    logLevel: config.logLevel,
    rateLimitMax: config.rateLimitMax,
    ready: ctx.ready,
    renderErrorPage,
  });
  installAssets(app);
  registerPageRoutes(app);
  registerInquiryRoutes(app, ctx.database.db);
  registerMachineInquiryRoutes(app, ctx.database.db, config.machineToken);
  return app;
}
