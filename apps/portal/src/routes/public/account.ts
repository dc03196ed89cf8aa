import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { type HttpApp, requestLang, Type } from '@madoguchi/http';
import type { PortalDB } from '../../data/schema.ts';
import { renderAccountPage, renderConfirmEmailPage } from '../../pages/account-page.ts';
import { renderMypage } from '../../pages/mypage.ts';
import {
  type AccountDeps,
  confirmEmail,
  pendingEmailFor,
  readOwnAccount,
  updateAccount,
} from '../../services/account.ts';
import { sendHtml as html, userOrRedirect } from '../../web/page-user.ts';
import type { WebSessions } from '../../web/session-cookie.ts';

const Lang = Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')]));

export function registerAccountRoutes(
  app: HttpApp,
  db: Kysely<PortalDB>,
  deps: AccountDeps,
  web: WebSessions,
): void {
  app.get(
    '/mypage',
    {
      schema: {
        summary: 'マイページ (after login)',
        tags: ['pages'],
        querystring: Type.Object({ lang: Lang, welcome: Type.Optional(Type.Literal('1')) }),
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(web, req, reply);
      if (!user) return reply;
      const account = await readOwnAccount(db, user.subject, { requestId: req.id, page: 'mypage' });
      return html(reply, renderMypage(requestLang(req), account, user.csrfToken, req.query.welcome === '1'));
    },
  );

  app.get(
    '/account',
    {
      schema: {
        summary: 'アカウント設定 page',
        tags: ['pages'],
        querystring: Type.Object({ lang: Lang }),
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(web, req, reply);
      if (!user) return reply;
      const account = await readOwnAccount(db, user.subject, { requestId: req.id, page: 'account' });
      return html(reply, renderAccountPage(requestLang(req), { account, csrfToken: user.csrfToken }));
    },
  );

  app.post(
    '/account',
    {
      schema: {
        summary: 'Save アカウント設定 (nickname, notification e-mail)',
        tags: ['pages'],
        querystring: Type.Object({ lang: Lang }),
        body: Type.Object(
          {
            _csrf: Type.String({ maxLength: 100 }),
            nickname: Type.Optional(Type.String({ maxLength: 200 })),
            email: Type.Optional(Type.String({ maxLength: 400 })),
          },
          { additionalProperties: false },
        ),
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(web, req, reply);
      if (!user) return reply;
      web.checkCsrf(user, req.body._csrf);
      const lang = requestLang(req);
      try {
        const { notice } = await updateAccount(deps, user.subject, req.body, { requestId: req.id, lang });
        const account = await readOwnAccount(db, user.subject, { requestId: req.id, page: 'account' });
        return html(reply, renderAccountPage(lang, { account, csrfToken: user.csrfToken, notice }));
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'account.invalid') throw err;
        const account = await readOwnAccount(db, user.subject, { requestId: req.id, page: 'account' });
        return html(
          reply,
          renderAccountPage(lang, {
            account,
            csrfToken: user.csrfToken,
            values: req.body,
            errors: err.fields,
          }),
          400,
        );
      }
    },
  );

  const TokenQuery = Type.Object({ token: Type.String({ maxLength: 100 }), lang: Lang });

  app.get(
    '/account/email/confirm',
    {
      schema: {
        summary: 'E-mail confirmation page (link from the confirmation mail)',
        tags: ['pages'],
        querystring: TokenQuery,
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      // Opening the link only shows a button: mail scanners that prefetch links must not confirm.
      const session = await web.current(req, reply);
      const address = await pendingEmailFor(db, req.query.token);
      return html(
        reply,
        renderConfirmEmailPage(requestLang(req), {
          token: req.query.token,
          csrfToken: session.csrfToken,
          address,
        }),
        address ? 200 : 400,
      );
    },
  );

  app.post(
    '/account/email/confirm',
    {
      schema: {
        summary: 'Confirm a notification e-mail address',
        tags: ['pages'],
        body: Type.Object(
          { _csrf: Type.String({ maxLength: 100 }), token: Type.String({ maxLength: 100 }), lang: Lang },
          { additionalProperties: false },
        ),
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const lang = req.body.lang ?? requestLang(req);
      const session = await web.existing(req);
      if (!session) throw new AppError('csrf.invalid');
      web.checkCsrf(session, req.body._csrf);
      try {
        await confirmEmail(db, req.body.token, req.id);
      } catch (err) {
        if (err instanceof AppError && err.code === 'account.email_token_invalid')
          return html(reply, renderConfirmEmailPage(lang, { token: '', csrfToken: session.csrfToken }), 400);
        throw err;
      }
      return html(
        reply,
        renderConfirmEmailPage(lang, { token: '', csrfToken: session.csrfToken, done: true }),
      );
    },
  );
}
