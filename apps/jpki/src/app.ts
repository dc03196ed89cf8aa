import { createHttpApp, type HttpApp, type ServiceContext } from '@madoguchi/http';
import type { JpkiConfig } from './config.ts';
import type { JpkiDB } from './data/schema.ts';
import { registerCaCertificateRoutes } from './routes/public/ca-certificates.ts';

export async function buildJpkiApp(config: JpkiConfig, ctx: ServiceContext<JpkiDB>): Promise<HttpApp> {
  const app = await createHttpApp({
    name: 'jpki',
    title: 'madoguchi jpki',
    description: 'Card authority: certificates, revocation, signature verification.',
    mode: config.mode,
    logLevel: config.logLevel,
    rateLimitMax: config.rateLimitMax,
    ready: ctx.ready,
  });
  registerCaCertificateRoutes(app, ctx.database.db);
  return app;
}
