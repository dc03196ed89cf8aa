import { readFileSync } from 'node:fs';
import { AppError } from '@madoguchi/errors';
import { ErrorBodySchema, type HttpApp, requestLang, Type } from '@madoguchi/http';
import { renderLoginPage } from '../../pages/login-page.ts';
import { type CardLoginDeps, completeCardLogin, startCardLogin } from '../../services/card-login.ts';
import type { WebSessions } from '../../web/session-cookie.ts';
import { rememberLang } from './pages.ts';

const loginScript = readFileSync(new URL('../../assets/login.js', import.meta.url));
const cardAgentScript = readFileSync(new URL('../../assets/card-agent.js', import.meta.url));

const LoginQuery = Type.Object({
  lang: Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')])),
  notice: Type.Optional(Type.Union([Type.Literal('loggedOut'), Type.Literal('sessionExpired')])),
});

const VerifyBody = Type.Object(
  {
    challengeId: Type.String({ format: 'uuid' }),
    // A DER certificate of at most 16 KiB and an RSA-4096 signature, in base64.
    certificate: Type.String({ minLength: 1, maxLength: 22_000 }),
    signature: Type.String({ minLength: 1, maxLength: 1_400 }),
  },
  { additionalProperties: false },
);

const VerifyResult = Type.Object({ redirect: Type.String() });

export function registerCardLoginRoutes(
  app: HttpApp,
  deps: CardLoginDeps,
  web: WebSessions,
  agentUrl: string,
): void {
  app.get('/assets/login.js', { schema: { hide: true }, config: { rateLimit: false } }, async (_req, reply) =>
    reply
      .header('cache-control', 'public, max-age=300')
      .type('text/javascript; charset=utf-8')
      .send(loginScript),
  );
  // The agent protocol module that login.js and sign.js import.
  app.get(
    '/assets/card-agent.js',
    { schema: { hide: true }, config: { rateLimit: false } },
    async (_req, reply) =>
      reply
        .header('cache-control', 'public, max-age=300')
        .type('text/javascript; charset=utf-8')
        .send(cardAgentScript),
  );

  app.get(
    '/login',
    {
      schema: {
        summary: 'Card login page (マイナンバーカードでログイン)',
        tags: ['pages'],
        querystring: LoginQuery,
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      rememberLang(reply, req.query);
      if (await web.optionalUser(req)) return reply.redirect('/mypage', 303);
      const session = await web.current(req, reply);
      const started = await startCardLogin(deps, session);
      reply.header('cache-control', 'no-store');
      return reply.type('text/html; charset=utf-8').send(
        renderLoginPage(requestLang(req), {
          ...started,
          csrfToken: session.csrfToken,
          agentUrl,
          notice: req.query.notice,
        }),
      );
    },
  );

  app.post(
    '/login/verify',
    {
      schema: {
        summary: 'Verify a card login (challenge signed by the user authentication key)',
        description:
          'Checks the signature over the challenge, the certificate chain and validity, OCSP status (fail closed) and maps the certificate to the pairwise subject; starts a new session.',
        tags: ['login'],
        headers: Type.Object({ 'x-csrf-token': Type.String({ maxLength: 100 }) }),
        body: VerifyBody,
        response: {
          200: VerifyResult,
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          503: ErrorBodySchema,
        },
      },
    },
    async (req, reply) => {
      web.checkOrigin(req);
      const session = await web.existing(req);
      if (!session) throw new AppError('login.challenge_invalid');
      web.checkCsrf(session, req.headers['x-csrf-token']);
      const result = await completeCardLogin(deps, {
        session,
        site: web.siteOf(req),
        challengeId: req.body.challengeId,
        certificate: req.body.certificate,
        signature: req.body.signature,
        requestId: req.id,
      });
      web.setCookie(reply, result.session);
      reply.header('cache-control', 'no-store');
      const lang = requestLang(req);
      return {
        redirect: `/mypage${result.firstLogin ? '?welcome=1' : ''}${lang === 'en' ? `${result.firstLogin ? '&' : '?'}lang=en` : ''}`,
      };
    },
  );

  app.post(
    '/logout',
    {
      schema: {
        summary: 'Log out (ends the session)',
        tags: ['login'],
        body: Type.Object({ _csrf: Type.String({ maxLength: 100 }) }),
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const session = await web.existing(req);
      if (session) {
        web.checkCsrf(session, req.body._csrf);
        await deps.sessions.end(session, req.id);
      }
      web.clearCookie(reply);
      return reply.redirect('/login?notice=loggedOut', 303);
    },
  );
}
