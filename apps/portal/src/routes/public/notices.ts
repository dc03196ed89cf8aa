import type { Kysely } from '@madoguchi/db';
import { type HttpApp, requestLang, Type } from '@madoguchi/http';
import type { InboxFilters } from '../../data/notices.ts';
import type { PortalDB } from '../../data/schema.ts';
import { renderInboxPage, renderNoticePage } from '../../pages/notices-page.ts';
import { archiveNotice, downloadAttachment, openNotice, readInbox } from '../../services/notices/inbox.ts';
import { sendHtml, userOrRedirect } from '../../web/page-user.ts';
import type { WebSessions } from '../../web/session-cookie.ts';

const Lang = Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')]));
const Day = Type.Optional(Type.String({ pattern: '^([0-9]{4}-[0-9]{2}-[0-9]{2})?$' }));
// Empty strings are what an untouched GET form sends; they mean "no filter".
const InboxQuery = Type.Object(
  {
    lang: Lang,
    kind: Type.Optional(Type.String({ pattern: '^[a-z_]{0,32}$' })),
    agency: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{0,32}$' })),
    from: Day,
    to: Day,
    unread: Type.Optional(Type.String({ pattern: '^1?$' })),
    archived: Type.Optional(Type.String({ pattern: '^1?$' })),
    before: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })),
    flash: Type.Optional(Type.Union([Type.Literal('archived'), Type.Literal('unarchived')])),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,14}$' }) });

function filtersOf(q: {
  kind?: string;
  agency?: string;
  from?: string;
  to?: string;
  unread?: string;
  archived?: string;
  before?: string;
}): InboxFilters {
  const f: InboxFilters = {};
  if (q.kind) f.kind = q.kind;
  if (q.agency) f.agency = q.agency;
  if (q.from) f.from = q.from;
  if (q.to) f.to = q.to;
  if (q.unread === '1') f.unread = true;
  if (q.archived === '1') f.archived = true;
  if (q.before) f.before = Number(q.before);
  return f;
}

export function registerNoticeRoutes(app: HttpApp, db: Kysely<PortalDB>, web: WebSessions): void {
  app.get(
    '/notices',
    {
      schema: {
        summary: 'お知らせ: the person’s notices, newest first (after login)',
        description:
          'Filters: kind, sender agency, period (JST days), unread only, archived view; `before` pages. Audited as notice.listed.',
        tags: ['pages'],
        querystring: InboxQuery,
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(web, req, reply);
      if (!user) return reply;
      const page = await readInbox(db, { subject: user.subject, requestId: req.id }, filtersOf(req.query));
      const { lang: _l, before: _b, flash: _f, ...query } = req.query;
      return sendHtml(
        reply,
        renderInboxPage(requestLang(req), {
          page,
          query,
          user: { nickname: page.nickname, csrfToken: user.csrfToken },
        }),
      );
    },
  );

  app.get(
    '/notices/:id',
    {
      schema: {
        summary: 'One notice (marks it read; audited as notice.read); 404 when it is not the person’s',
        tags: ['pages'],
        params: IdParams,
        querystring: Type.Object({
          lang: Lang,
          flash: Type.Optional(Type.Union([Type.Literal('archived'), Type.Literal('unarchived')])),
        }),
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(web, req, reply);
      if (!user) return reply;
      const got = await openNotice(db, { subject: user.subject, requestId: req.id }, Number(req.params.id));
      return sendHtml(
        reply,
        renderNoticePage(requestLang(req), {
          notice: got.notice,
          user: { nickname: got.nickname, csrfToken: user.csrfToken },
          ...(req.query.flash ? { flash: req.query.flash } : {}),
        }),
      );
    },
  );

  app.get(
    '/notices/:id/attachments/:position',
    {
      schema: {
        summary: 'Download a notice’s PDF attachment (audited as notice.attachment_downloaded)',
        tags: ['pages'],
        params: Type.Object({ ...IdParams.properties, position: Type.Integer({ minimum: 0, maximum: 2 }) }),
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(web, req, reply);
      if (!user) return reply;
      const a = await downloadAttachment(
        db,
        { subject: user.subject, requestId: req.id },
        Number(req.params.id),
        req.params.position,
      );
      return reply
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `attachment; filename="notice.pdf"; filename*=UTF-8''${encodeURIComponent(a.filename)}`,
        )
        .type('application/pdf')
        .send(a.content);
    },
  );

  for (const action of ['archive', 'unarchive'] as const)
    app.post(
      `/notices/:id/${action}`,
      {
        schema: {
          summary:
            action === 'archive'
              ? 'Archive a notice (form, CSRF)'
              : 'Move a notice back from the archive (form, CSRF)',
          description: 'Audited as notice.archived.',
          tags: ['pages'],
          params: IdParams,
          querystring: Type.Object({ lang: Lang }),
          body: Type.Object({ _csrf: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
          produces: ['text/html'],
        },
      },
      async (req, reply) => {
        const user = await userOrRedirect(web, req, reply);
        if (!user) return reply;
        web.checkCsrf(user, req.body._csrf);
        await archiveNotice(
          db,
          { subject: user.subject, requestId: req.id },
          Number(req.params.id),
          action === 'archive',
        );
        const lang = requestLang(req);
        return reply.redirect(
          `/notices/${req.params.id}?flash=${action}d${lang === 'en' ? '&lang=en' : ''}`,
          303,
        );
      },
    );
}
