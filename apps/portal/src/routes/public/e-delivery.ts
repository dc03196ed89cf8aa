import { AppError, messageOf } from '@madoguchi/errors';
import { type HttpApp, requestLang, Type } from '@madoguchi/http';
import type { FastifyRequest } from 'fastify';
import { findLink } from '../../data/accounts.ts';
import { type EDeliveryNotice, renderEDeliveryPage } from '../../pages/e-delivery-page.ts';
import {
  type Caller,
  completeLink,
  type LinkDeps,
  parseKinds,
  readEDelivery,
  setKinds,
  startLink,
  unlink,
} from '../../services/e-delivery/link.ts';
import type { Session } from '../../services/sessions.ts';
import { sendHtml, userOrRedirect } from '../../web/page-user.ts';
import type { WebSessions } from '../../web/session-cookie.ts';

const Lang = Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')]));
const CsrfBody = Type.Object({ _csrf: Type.String({ maxLength: 100 }) }, { additionalProperties: false });
const noticeValues = ['linked', 'unlinked', 'kindsSaved'] as const;

function callerOf(user: Session & { subject: string }, req: FastifyRequest): Caller {
  return { subject: user.subject, sessionHash: user.idHash, requestId: req.id };
}

/** 民間送達サービス連携: /account/e-delivery and its forms (all behind login, CSRF on every POST). */
export function registerEDeliveryRoutes(app: HttpApp, deps: LinkDeps, web: WebSessions): void {
  const q = (lang: 'ja' | 'en', extra = '') =>
    lang === 'en' ? `?lang=en${extra ? `&${extra}` : ''}` : extra ? `?${extra}` : '';

  async function page(
    req: FastifyRequest,
    user: Session & { subject: string },
    extra: { notice?: EDeliveryNotice; error?: string },
  ): Promise<string> {
    const view = await readEDelivery(deps, callerOf(user, req));
    const nickname = (await findLink(deps.db, user.subject))?.nickname ?? null;
    return renderEDeliveryPage(requestLang(req), {
      view,
      user: { nickname, csrfToken: user.csrfToken },
      ...extra,
    });
  }

  app.get(
    '/account/e-delivery',
    {
      schema: {
        summary: '民間送達サービス連携 page: link, kinds, unlink, delivery status (after login)',
        description: 'Audited as e_delivery.viewed.',
        tags: ['pages'],
        querystring: Type.Object({
          lang: Lang,
          notice: Type.Optional(Type.Union(noticeValues.map((v) => Type.Literal(v)))),
        }),
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(web, req, reply);
      if (!user) return reply;
      return sendHtml(reply, await page(req, user, req.query.notice ? { notice: req.query.notice } : {}));
    },
  );

  app.post(
    '/account/e-delivery/link',
    {
      schema: {
        summary:
          'Start linking: redirects to e-delivery /oauth/authorize (code + PKCE S256, state bound to the session)',
        tags: ['pages'],
        querystring: Type.Object({ lang: Lang }),
        body: CsrfBody,
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(web, req, reply);
      if (!user) return reply;
      web.checkCsrf(user, req.body._csrf);
      return reply.redirect(await startLink(deps, callerOf(user, req)), 303);
    },
  );

  app.get(
    '/account/e-delivery/callback',
    {
      schema: {
        summary: 'OAuth redirect from e-delivery: exchanges the code for an access token and mailbox id',
        description: 'Audited as e_delivery.linked.',
        tags: ['pages'],
        querystring: Type.Object({
          code: Type.Optional(Type.String({ maxLength: 500 })),
          state: Type.Optional(Type.String({ maxLength: 200 })),
          error: Type.Optional(Type.String({ maxLength: 200 })),
          error_description: Type.Optional(Type.String({ maxLength: 1000 })),
          lang: Lang,
        }),
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(web, req, reply);
      if (!user) return reply;
      const lang = requestLang(req);
      try {
        await completeLink(deps, callerOf(user, req), req.query);
      } catch (err) {
        if (!(err instanceof AppError) || !err.code.startsWith('edelivery.')) throw err;
        return sendHtml(reply, await page(req, user, { error: messageOf(err.code, lang) }), err.status);
      }
      return reply.redirect(`/account/e-delivery${q(lang, 'notice=linked')}`, 303);
    },
  );

  app.post(
    '/account/e-delivery/kinds',
    {
      schema: {
        summary: 'Choose which notice kinds are also delivered to e-delivery',
        description: 'Audited as e_delivery.kinds_changed.',
        tags: ['pages'],
        querystring: Type.Object({ lang: Lang }),
        body: Type.Object(
          {
            _csrf: Type.String({ maxLength: 100 }),
            kinds: Type.Optional(
              Type.Union([
                Type.String({ maxLength: 40 }),
                Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 }),
              ]),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(web, req, reply);
      if (!user) return reply;
      web.checkCsrf(user, req.body._csrf);
      await setKinds(deps, callerOf(user, req), parseKinds(req.body.kinds));
      return reply.redirect(`/account/e-delivery${q(requestLang(req), 'notice=kindsSaved')}`, 303);
    },
  );

  app.post(
    '/account/e-delivery/unlink',
    {
      schema: {
        summary: 'Remove the e-delivery link (the stored access token is deleted)',
        description: 'Audited as e_delivery.unlinked.',
        tags: ['pages'],
        querystring: Type.Object({ lang: Lang }),
        body: CsrfBody,
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(web, req, reply);
      if (!user) return reply;
      web.checkCsrf(user, req.body._csrf);
      await unlink(deps, callerOf(user, req));
      return reply.redirect(`/account/e-delivery${q(requestLang(req), 'notice=unlinked')}`, 303);
    },
  );
}
