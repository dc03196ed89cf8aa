import { messageOf } from '@madoguchi/errors';
import { createHttpApp, type HttpApp, type ServiceContext } from '@madoguchi/http';
import { errorPageRenderer, installAssets } from '@madoguchi/ui';
import type { JpkiConfig } from './config.ts';
import type { JpkiDB } from './data/schema.ts';
import { registerCaCertificateRoutes } from './routes/public/ca-certificates.ts';

const errorPage = errorPageRenderer(
  { ja: 'madoguchi 公的個人認証', en: 'madoguchi card authority' },
  '/ca/root.pem',
);

export async function buildJpkiApp(config: JpkiConfig, ctx: ServiceContext<JpkiDB>): Promise<HttpApp> {
  const app = await createHttpApp({
    name: 'jpki',
    title: 'madoguchi jpki',
    description: 'Card authority: certificates, revocation, signature verification.',
    mode: config.mode,
    logLevel: config.logLevel,
    rateLimitMax: config.rateLimitMax,
    ready: ctx.ready,
    renderErrorPage: (e) => errorPage({ ...e, message: messageOf(e.code, e.lang) }),
  });
  registerCaCertificateRoutes(app, ctx.database.db);
  installAssets(app);
  return app;
}
