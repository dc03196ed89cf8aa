import type { Kysely } from '@madoguchi/db';
import { type HttpApp, requestLang, Type } from '@madoguchi/http';
import type { PortalDB } from '../../data/schema.ts';
import { renderNotificationSettingsPage } from '../../pages/notification-settings-page.ts';
import { readAlertSettings, saveAlertSettings } from '../../services/notices/alert-settings.ts';
import { sendHtml, userOrRedirect } from '../../web/page-user.ts';
import type { WebSessions } from '../../web/session-cookie.ts';

const Lang = Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')]));
const Kind = Type.String({ pattern: '^[a-z_]{1,32}$' });

export function registerNotificationSettingsRoutes(
  app: HttpApp,
  db: Kysely<PortalDB>,
  web: WebSessions,
): void {
  app.get(
    '/account/notifications',
    {
      schema: {
        summary: 'メール通知の設定: mail alert on/off per notice kind (after login)',
        tags: ['pages'],
        querystring: Type.Object({ lang: Lang, saved: Type.Optional(Type.Literal('1')) }),
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(web, req, reply);
      if (!user) return reply;
      const s = await readAlertSettings(db, { subject: user.subject, requestId: req.id });
      return sendHtml(
        reply,
        renderNotificationSettingsPage(requestLang(req), {
          off: s.off,
          emailConfirmed: s.emailConfirmed,
          saved: req.query.saved === '1',
          user: { nickname: s.nickname, csrfToken: user.csrfToken },
        }),
      );
    },
  );

  app.post(
    '/account/notifications',
    {
      schema: {
        summary: 'Save the mail alert switches (kinds checked are on)',
        description: 'Audited as notification.settings_updated.',
        tags: ['pages'],
        querystring: Type.Object({ lang: Lang }),
        body: Type.Object(
          {
            _csrf: Type.String({ maxLength: 100 }),
            submitted: Type.Optional(Type.Literal('1')),
            // One checkbox arrives as a string, several as an array (coerceTypes: 'array').
            kinds: Type.Optional(Type.Array(Kind, { maxItems: 20 })),
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
      await saveAlertSettings(db, { subject: user.subject, requestId: req.id }, req.body.kinds ?? []);
      const lang = requestLang(req);
      return reply.redirect(`/account/notifications?saved=1${lang === 'en' ? '&lang=en' : ''}`, 303);
    },
  );
}
