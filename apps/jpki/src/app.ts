import { messageOf } from '@madoguchi/errors';
import { createHttpApp, type HttpApp, type ServiceContext } from '@madoguchi/http';
import { errorPageRenderer, installAssets } from '@madoguchi/ui';
import type { JpkiConfig } from './config.ts';
import type { JpkiDB } from './data/schema.ts';
import { registerHubRoutes } from './routes/hub/resident-ref.ts';
import { registerCaCertificateRoutes } from './routes/public/ca-certificates.ts';
import { registerRevocationRoutes } from './routes/public/revocation.ts';
import { registerRelyingPartyRoutes } from './routes/rp/identify.ts';
import { registerStaffCardRoutes } from './routes/staff/cards.ts';
import { registerVerifierRoutes } from './routes/verifier/verify.ts';
import { createCaStore } from './services/ca-store.ts';
import type { JpkiContext } from './services/context.ts';

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
  const db = ctx.database.db;
  const jpki: JpkiContext = { db, ca: createCaStore(db, config.keyPassphrase), config };
  registerCaCertificateRoutes(app, db);
  registerRevocationRoutes(app, jpki);
  registerStaffCardRoutes(app, jpki);
  registerRelyingPartyRoutes(app, jpki);
  registerVerifierRoutes(app, jpki);
  registerHubRoutes(app, jpki);
  installAssets(app);
  return app;
}
