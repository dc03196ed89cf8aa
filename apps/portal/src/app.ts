import { createHttpApp, type HttpApp, type ServiceContext } from '@madoguchi/http';
import { createMailer, mailerOptionsFrom } from '@madoguchi/mail';
import { installAssets } from '@madoguchi/ui';
import type { PortalConfig } from './config.ts';
import type { PortalDB } from './data/schema.ts';
import { renderErrorPage } from './pages/error-page.ts';
import { registerExchangeCredentialRoute } from './routes/machine/exchange-credential.ts';
import { registerMachineInquiryRoutes } from './routes/machine/inquiries.ts';
import { registerAccountRoutes } from './routes/public/account.ts';
import { registerApplyRoutes } from './routes/public/apply.ts';
import { registerCardLoginRoutes } from './routes/public/card-login.ts';
import { registerHistoryRoutes } from './routes/public/history.ts';
import { registerInquiryRoutes } from './routes/public/inquiry.ts';
import { registerMyDataRoutes } from './routes/public/mydata.ts';
import { registerPageRoutes } from './routes/public/pages.ts';
import { registerSubmitRoutes } from './routes/public/submit.ts';
import { createSignatureVerifier } from './services/applications/submit.ts';
import { installEDelivery } from './services/e-delivery/install-e-delivery.ts';
import { createHubClient } from './services/hub-client.ts';
import { createJpkiClient } from './services/jpki-client.ts';
import { installNotices } from './services/notices/install-notices.ts';
import { installServicesCatalogue } from './services/services-catalogue/install-services-catalogue.ts';
import { defaultReach } from './services/services-catalogue/pittari.ts';
import { createSessionStore } from './services/sessions.ts';
import { allowedOrigins, createWebSessions } from './web/session-cookie.ts';

export async function buildPortalApp(config: PortalConfig, ctx: ServiceContext<PortalDB>): Promise<HttpApp> {
  const production = config.mode === 'production';
  const agentOrigin = new URL(config.cardAgentUrl).origin;
  const app = await createHttpApp({
    name: 'portal',
    title: 'madoguchi portal',
    description: 'Citizen web pages and their API.',
    mode: config.mode,
    logLevel: config.logLevel,
    rateLimitMax: config.rateLimitMax,
    ready: ctx.ready,
    renderErrorPage,
    connectSrc: [agentOrigin],
    // Linking e-delivery posts a form that redirects to its authorize page (docs/notices.md).
    formAction: [new URL(config.eDeliveryUrl).origin],
  });
  const db = ctx.database.db;
  const sessions = createSessionStore(db);
  // The port is known only once listening (tests listen on port 0), so origins are computed lazily.
  let origins: string[] | undefined;
  const web = createWebSessions(sessions, {
    production,
    allowedOrigins: () => {
      if (origins) return origins;
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      origins = allowedOrigins(config.publicUrl, port, production);
      return origins;
    },
  });
  const jpki = createJpkiClient({
    jpkiUrl: config.jpkiUrl,
    apiKey: config.jpkiPortalApiKey,
    rootSha256: config.jpkiRootSha256,
    ocspCacheMs: config.ocspCacheSeconds * 1000,
  });
  const mailer = createMailer(mailerOptionsFrom(config));
  const hub = createHubClient({
    hubUrl: config.hubUrl,
    exchangeSecret: config.exchangeSecret,
    logVkey: config.hubLogVkey,
  });

  // Every state-changing page request must come from the portal's own pages (API routes have
  // their own credentials and JSON bodies, which browsers cannot send cross-site without CORS).
  app.addHook('preHandler', async (req) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return;
    if (req.url.startsWith('/api/') || req.url.startsWith('/internal/')) return;
    web.checkOrigin(req);
  });

  installAssets(app);
  registerPageRoutes(app);
  registerInquiryRoutes(app, db);
  registerMachineInquiryRoutes(app, db, config.machineToken);
  const link = { hub, warn: (detail: Record<string, unknown>, msg: string) => app.log.warn(detail, msg) };
  registerCardLoginRoutes(app, { db, jpki, sessions, link }, web, config.cardAgentUrl);
  registerAccountRoutes(app, db, { db, mailer, publicUrl: config.publicUrl }, web);
  registerMyDataRoutes(app, { db, hub }, web);
  registerHistoryRoutes(app, { db, hub }, web);
  registerExchangeCredentialRoute(app, hub, config.publicUrl);
  // Notices (issue 6): hub routes, inbox pages, badge, job worker. e-delivery handlers go in `extraHandlers`.
  // Private e-delivery (issue 6): link pages, JWKS, 控除証明書, staff counts; webhook jobs on the worker.
  const eDelivery = installEDelivery(app, { db, config, web });
  installNotices(app, { database: ctx.database, config, mailer, web, extraHandlers: eDelivery.jobHandlers });
  // ぴったりサービス (issue 7): catalogue feed from the agency, search API and pages; polling stops on close.
  const catalogue = installServicesCatalogue(app, { db, web, config });
  // Online application (issue 7): form, drafts and attachments for the catalogue's services.
  registerApplyRoutes(app, {
    store: catalogue.store,
    db,
    web,
    reach: defaultReach,
    agentUrl: agentOrigin,
  });
  // Signing and submitting (issue 7): jpki verifies the card signature; receipts and the list of applications.
  const verify = createSignatureVerifier({ jpkiUrl: config.jpkiUrl, apiKey: config.jpkiVerifierApiKey });
  registerSubmitRoutes(app, {
    store: catalogue.store,
    db,
    web,
    reach: defaultReach,
    verify,
  });

  const sweeper = setInterval(() => {
    sessions.sweep().catch((err) => app.log.warn({ err }, 'session sweep failed'));
  }, 5 * 60_000);
  sweeper.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    mailer.close();
  });
  return app;
}
