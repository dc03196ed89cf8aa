/** Builds the e-delivery Fastify app: pages, OAuth, the webhook receiver, certificates and the admin test hook. */
import { randomBytes } from 'node:crypto';
import { AppError, messageOf } from '@madoguchi/errors';
import { createHttpApp, type HttpApp, requestLang, requireBearer, Type } from '@madoguchi/http';
import { errorPageRenderer, installAssets } from '@madoguchi/ui';
import { certificatesOf, certificateView, issueCertificate } from './certificates.ts';
import type { EDeliveryConfig } from './config.ts';
import { companyById, type IssuerKeys } from './issuers.ts';
import {
  authenticateClient,
  decide,
  exchangeCode,
  pendingRequest,
  startAuthorization,
  userForToken,
} from './oauth.ts';
import { companiesPage, consentPage, loginPage, mailboxPage } from './pages.ts';
import { checkPassword, dummyHash } from './passwords.ts';
import { type CertificateRow, type MessageRow, rowAs, rowsAs, type Store, type UserRow } from './store.ts';
import { currentSession, endSession, requireCsrf, startSession, type WebSession } from './web-session.ts';
import { JwksCache, storeDelivery, verifyWebhook } from './webhook.ts';

export interface EDeliveryDeps {
  config: EDeliveryConfig;
  store: Store;
  keys: IssuerKeys;
}

export interface WebhookSwitch {
  mode: 'up' | 'down' | 'slow';
  delayMs: number;
}

const renderPage = errorPageRenderer({
  ja: 'まどぐち民間送達サービス（デモ）',
  en: 'madoguchi private e-delivery (demo)',
});
const Form = Type.Record(Type.String(), Type.String());
const htmlType = 'text/html; charset=utf-8';

function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/';
}

export async function buildEDeliveryApp(
  deps: EDeliveryDeps,
): Promise<HttpApp & { webhookSwitch: WebhookSwitch }> {
  const { config, store, keys } = deps;
  const app = await createHttpApp({
    name: 'e-delivery',
    title: 'madoguchi e-delivery (example)',
    description:
      'A private e-delivery service (民間送達サービス) simulator: mailbox, OAuth, signed webhooks, 控除証明書.',
    mode: config.mode,
    logLevel: config.logLevel,
    rateLimitMax: config.rateLimitMax,
    ready: async () => true,
    // Approving consent posts a form that redirects to the portal's callback (another origin).
    formAction: [new URL(config.redirectUri).origin],
    renderErrorPage: ({ status, code, lang, requestId }) =>
      renderPage({ status, lang, requestId, message: messageOf(code, lang) }),
  });
  installAssets(app);
  const webhookSwitch: WebhookSwitch = { mode: config.webhookMode, delayMs: config.webhookDelayMs };
  const jwks = new JwksCache(new URL('/.well-known/webhook-keys.json', config.portalUrl).toString());
  const session = (req: Parameters<typeof currentSession>[1]) => currentSession(store, req);
  const mustLogIn = (req: Parameters<typeof currentSession>[1]): WebSession => {
    const s = session(req);
    if (!s) throw new AppError('auth.required');
    return s;
  };

  app.get(
    '/login',
    {
      schema: {
        summary: 'Login page',
        tags: ['pages'],
        querystring: Type.Object({
          next: Type.Optional(Type.String()),
          lang: Type.Optional(Type.String()),
          failed: Type.Optional(Type.String()),
        }),
      },
    },
    async (req, reply) => {
      const pre = randomBytes(24).toString('base64url');
      reply.header('set-cookie', `ed_pre=${pre}; Path=/login; HttpOnly; SameSite=Strict; Max-Age=1800`);
      return reply.type(htmlType).send(
        loginPage({
          lang: requestLang(req),
          pre,
          next: safeNext(req.query.next),
          failed: req.query.failed === '1',
        }),
      );
    },
  );

  app.post(
    '/login',
    { schema: { summary: 'Log in (form)', tags: ['pages'], body: Form } },
    async (req, reply) => {
      // Login CSRF: the form's token must equal the pre-login cookie set with the form.
      const pre = /(?:^|;\s*)ed_pre=([A-Za-z0-9_-]+)/.exec(req.headers.cookie ?? '')?.[1];
      if (!pre || pre !== req.body.pre) throw new AppError('csrf.invalid');
      const user = rowAs<UserRow>(
        store.prepare('select * from users where login = ?').get(req.body.login ?? ''),
      );
      const ok =
        checkPassword(req.body.password ?? '', user?.password_hash ?? dummyHash) && user !== undefined;
      const next = safeNext(req.body.next);
      if (!ok || !user) return reply.redirect(`/login?failed=1&next=${encodeURIComponent(next)}`, 303);
      startSession(store, reply, user.id);
      return reply.redirect(next, 303);
    },
  );

  app.post('/logout', { schema: { summary: 'Log out', tags: ['pages'], body: Form } }, async (req, reply) => {
    const s = session(req);
    if (s) requireCsrf(s, req.body.csrf);
    endSession(store, req, reply);
    return reply.redirect('/login', 303);
  });

  app.get('/', { schema: { summary: 'Mailbox page', tags: ['pages'] } }, async (req, reply) => {
    const s = session(req);
    if (!s) return reply.redirect('/login?next=/', 303);
    const messages = rowsAs<MessageRow>(
      store
        .prepare('select * from messages where mailbox_id = ? order by received_at desc limit 200')
        .all(s.user.mailbox_id),
    );
    return reply.type(htmlType).send(
      mailboxPage({
        lang: requestLang(req),
        user: s.user,
        csrf: s.csrf,
        messages,
        certificates: certificatesOf(store, s.user.mailbox_id),
        companyName: (id) => companyById(id)?.name ?? id,
      }),
    );
  });

  app.get(
    '/certificates/:file',
    {
      schema: {
        summary: 'Download one signed certificate (owner only)',
        tags: ['pages'],
        params: Type.Object({ file: Type.String({ pattern: '^[0-9a-f-]{36}\\.xml$' }) }),
      },
    },
    async (req, reply) => {
      const s = mustLogIn(req);
      const row = rowAs<CertificateRow>(
        store
          .prepare('select * from certificates where id = ? and mailbox_id = ?')
          .get(req.params.file.slice(0, 36), s.user.mailbox_id),
      );
      if (!row) throw new AppError('resource.not_found');
      return reply
        .type('application/xml; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${row.form}-${row.year}-${row.id.slice(0, 8)}.xml"`,
        )
        .send(row.xml);
    },
  );

  app.get(
    '/companies',
    { schema: { summary: 'Certificate issuing page (company staff)', tags: ['pages'] } },
    async (req, reply) => {
      const s = session(req);
      if (!s) return reply.redirect('/login?next=/companies', 303);
      const company = s.user.company_id ? companyById(s.user.company_id) : undefined;
      return reply
        .type(htmlType)
        .send(companiesPage({ lang: requestLang(req), user: s.user, csrf: s.csrf, company }));
    },
  );

  app.post(
    '/companies/:id/certificates',
    {
      schema: {
        summary: 'Issue a certificate into a mailbox (company staff form)',
        tags: ['pages'],
        params: Type.Object({ id: Type.String() }),
        body: Form,
      },
    },
    async (req, reply) => {
      const s = mustLogIn(req);
      requireCsrf(s, req.body.csrf);
      if (s.user.company_id !== req.params.id) throw new AppError('resource.not_found');
      const row = issueCertificate(store, keys, {
        companyId: req.params.id,
        recipientLogin: req.body.recipient ?? '',
        year: Number(req.body.year),
        amount: Number(req.body.amount),
      });
      const company = companyById(req.params.id);
      return reply.type(htmlType).send(
        companiesPage({
          lang: requestLang(req),
          user: s.user,
          csrf: s.csrf,
          company,
          issued: `${row.form} ${row.year} ${row.amount}`,
        }),
      );
    },
  );

  app.get(
    '/oauth/authorize',
    {
      schema: {
        summary: 'OAuth 2.0 authorization endpoint (code + PKCE S256)',
        tags: ['oauth'],
        querystring: Form,
      },
    },
    async (req, reply) => {
      const id = startAuthorization(store, config, req.query);
      const consent = `/oauth/consent?req=${encodeURIComponent(id)}`;
      return reply.redirect(session(req) ? consent : `/login?next=${encodeURIComponent(consent)}`, 303);
    },
  );

  app.get(
    '/oauth/consent',
    {
      schema: {
        summary: 'Consent page',
        tags: ['oauth'],
        querystring: Type.Object({ req: Type.String(), lang: Type.Optional(Type.String()) }),
      },
    },
    async (req, reply) => {
      const s = session(req);
      if (!s) return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
      const pending = pendingRequest(store, req.query.req);
      return reply.type(htmlType).send(
        consentPage({
          lang: requestLang(req),
          user: s.user,
          csrf: s.csrf,
          reqId: pending.id,
          clientId: pending.client_id,
        }),
      );
    },
  );

  app.post(
    '/oauth/consent',
    { schema: { summary: 'Approve or deny the link', tags: ['oauth'], body: Form } },
    async (req, reply) => {
      const s = mustLogIn(req);
      requireCsrf(s, req.body.csrf);
      const pending = pendingRequest(store, req.body.req);
      return reply.redirect(decide(store, pending, s.user, req.body.decision === 'approve'), 303);
    },
  );

  app.post(
    '/oauth/token',
    {
      schema: {
        summary: 'OAuth 2.0 token endpoint (client secret via HTTP Basic, PKCE verifier)',
        tags: ['oauth'],
        body: Form,
        response: {
          200: Type.Object({
            access_token: Type.String(),
            token_type: Type.Literal('Bearer'),
            expires_in: Type.Integer(),
            mailbox_id: Type.String(),
            scope: Type.String(),
          }),
        },
      },
    },
    async (req, reply) => {
      authenticateClient(config, req.headers.authorization);
      reply.header('cache-control', 'no-store');
      return exchangeCode(store, config, req.body);
    },
  );

  app.get(
    '/api/certificates',
    { schema: { summary: 'Certificates in the token holder’s mailbox, with the signed XML', tags: ['api'] } },
    async (req, reply) => {
      const user = userForToken(store, req.headers.authorization);
      reply.header('cache-control', 'no-store');
      return {
        mailboxId: user.mailbox_id,
        certificates: certificatesOf(store, user.mailbox_id).map(certificateView),
      };
    },
  );

  app.get(
    '/ca.pem',
    { schema: { summary: 'The issuer trust anchor (demo CA certificate)', tags: ['api'] } },
    async (_req, reply) => reply.type('application/x-pem-file').send(keys.ca.certificatePem),
  );

  await app.register(async (scope) => {
    // The signature covers the exact bytes, so this route keeps the body as received.
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );
    scope.post(
      '/webhooks/madoguchi',
      {
        schema: {
          summary: 'Receive a notice from madoguchi (RFC 9421 signed, idempotent)',
          tags: ['webhooks'],
        },
      },
      async (req, reply) => {
        if (webhookSwitch.mode === 'down') throw new AppError('webhook.unavailable');
        if (webhookSwitch.mode === 'slow') await new Promise((r) => setTimeout(r, webhookSwitch.delayMs));
        const body = typeof req.body === 'string' ? req.body : '';
        const base = config.publicUrl ?? `http://${req.headers.host ?? `localhost:${config.port}`}`;
        const result = await verifyWebhook(jwks, {
          method: req.method,
          url: new URL(req.url, base).toString(),
          headers: req.headers,
          body,
        });
        if (!result.ok) {
          req.log.warn({ reason: result.reason }, 'webhook refused');
          throw new AppError('webhook.signature_invalid', { details: { reason: result.reason } });
        }
        const key = req.headers['idempotency-key'];
        const status = storeDelivery(store, typeof key === 'string' ? key : '', body);
        return reply.code(200).send({ status });
      },
    );
  });

  app.post(
    '/api/admin/certificates',
    {
      schema: {
        summary: 'Issue a certificate into a mailbox (admin token; tests and demos)',
        tags: ['admin'],
        body: Type.Object({
          companyId: Type.String(),
          recipientLogin: Type.String(),
          year: Type.Integer(),
          amount: Type.Integer(),
        }),
      },
    },
    async (req, reply) => {
      requireBearer(req.headers.authorization, config.adminToken);
      const row = issueCertificate(store, keys, req.body);
      return reply.code(201).send({ id: row.id, form: row.form, mailboxId: row.mailbox_id });
    },
  );

  app.put(
    '/api/admin/webhook-mode',
    {
      schema: {
        summary: 'Test hook: make the webhook endpoint down or slow (admin token)',
        tags: ['admin'],
        body: Type.Object({
          mode: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('slow')]),
          delayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 120_000 })),
        }),
      },
    },
    async (req) => {
      requireBearer(req.headers.authorization, config.adminToken);
      webhookSwitch.mode = req.body.mode;
      if (req.body.delayMs !== undefined) webhookSwitch.delayMs = req.body.delayMs;
      return { ...webhookSwitch };
    },
  );

  return Object.assign(app, { webhookSwitch });
}
