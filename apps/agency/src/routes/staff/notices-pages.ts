import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from '@madoguchi/db';
import { AppError, messageOf } from '@madoguchi/errors';
import { type HttpApp, requestLang, Type } from '@madoguchi/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AgencyConfig } from '../../config.ts';
import type { AgencyDB } from '../../data/schema.ts';
import { type ComposeForm, renderNoticeDetailPage, renderNoticesPage } from '../../pages/notices-page.ts';
import { fetchDeliveryCounts } from '../../services/notices/deliveries.ts';
import {
  createNotice,
  listNoticesForStaff,
  noticeForStaff,
  previewNotice,
} from '../../services/notices/send-notices.ts';
import { readCookie, verifyStaffSession } from '../../services/staff-auth.ts';
import { cookieName } from './pages.ts';

const Lang = Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')]));
const Str = (max: number) => Type.String({ maxLength: max });
const html = (reply: FastifyReply, body: string, status = 200) =>
  reply.code(status).type('text/html; charset=utf-8').send(body);

/** A CSRF token bound to the (stateless, signed) staff session cookie: HMAC of the cookie value. */
export function staffCsrfToken(cookie: string, secret: string): string {
  return createHmac('sha256', secret).update(`csrf:${cookie}`).digest('base64url');
}

/** A field path from the service (`/body/audience/rule/all/0/value`) → the form control it belongs to. */
function controlOf(path: string): string {
  const p = path.split('/').slice(2);
  if (p[0] === 'audience') return p[1] === 'rule' ? 'rule' : p[1] === 'fugo' ? 'fugo' : 'audience-segment';
  if (p[0] === 'actions') return p[2] === 'label' ? 'actionLabel' : 'actionUrl';
  return ['kind', 'title', 'body', 'expiresAt'].includes(p[0] ?? '') ? (p[0] as string) : 'title';
}

/** The JSON the API takes, from the form; a rule that is not JSON is reported on the rule field. */
function requestFromForm(f: ComposeForm): { body: Record<string, unknown>; ruleError?: boolean } {
  let audience: unknown = { type: f.audienceType, fugo: f.fugo.trim() };
  let ruleError = false;
  if (f.audienceType === 'segment') {
    try {
      audience = { type: 'segment', rule: JSON.parse(f.rule) };
    } catch {
      ruleError = true;
    }
  }
  const body: Record<string, unknown> = { kind: f.kind, title: f.title, body: f.body, audience };
  if (f.expiresAt) body.expiresAt = `${f.expiresAt}T23:59:59+09:00`;
  if (f.actionLabel || f.actionUrl) body.actions = [{ type: 'link', label: f.actionLabel, url: f.actionUrl }];
  return ruleError ? { body, ruleError } : { body };
}

export function registerStaffNoticesPages(app: HttpApp, db: Kysely<AgencyDB>, config: AgencyConfig): void {
  const staff = (req: FastifyRequest) => {
    const cookie = readCookie(req.headers.cookie, cookieName);
    const id = verifyStaffSession(cookie, config.sessionSecret);
    return id && cookie ? { id, csrf: staffCsrfToken(cookie, config.sessionSecret) } : undefined;
  };
  const toLogin = (req: FastifyRequest, reply: FastifyReply) =>
    reply.redirect(`/staff/login${requestLang(req) === 'en' ? '?lang=en' : ''}`, 303);

  app.get(
    '/staff/notices',
    {
      schema: {
        summary: "Staff page: an agency's notices and a form to send one",
        tags: ['staff pages'],
        querystring: Type.Object({ lang: Lang, code: Type.Optional(Str(32)) }),
      },
    },
    async (req, reply) => {
      const s = staff(req);
      if (!s) return toLogin(req, reply);
      const lang = requestLang(req);
      const code = req.query.code ?? '';
      const items = code ? await listNoticesForStaff(db, code) : [];
      return html(reply, renderNoticesPage(lang, { code, csrf: s.csrf, items }));
    },
  );

  app.post(
    '/staff/notices',
    {
      bodyLimit: 64 * 1024,
      schema: {
        summary: 'Staff page: count the recipients of, or send, a notice',
        tags: ['staff pages'],
        querystring: Type.Object({ lang: Lang }),
        body: Type.Object({
          csrf: Str(100),
          code: Str(32),
          intent: Type.Union([Type.Literal('preview'), Type.Literal('send')]),
          kind: Str(40),
          title: Str(500),
          body: Str(20_000),
          audienceType: Type.Optional(Str(20)),
          fugo: Type.Optional(Str(100)),
          rule: Type.Optional(Str(20_000)),
          expiresAt: Type.Optional(Str(20)),
          actionLabel: Type.Optional(Str(200)),
          actionUrl: Type.Optional(Str(2000)),
        }),
      },
    },
    async (req, reply) => {
      const s = staff(req);
      if (!s) return toLogin(req, reply);
      const b = req.body;
      const given = Buffer.from(b.csrf);
      const expected = Buffer.from(s.csrf);
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        throw new AppError('auth.required');
      const lang = requestLang(req);
      const form: ComposeForm = {
        kind: b.kind,
        title: b.title,
        body: b.body,
        audienceType: b.audienceType ?? 'segment',
        fugo: b.fugo ?? '',
        rule: b.rule ?? '',
        expiresAt: b.expiresAt ?? '',
        actionLabel: b.actionLabel ?? '',
        actionUrl: b.actionUrl ?? '',
      };
      const again = async (status: number, extra: Partial<Parameters<typeof renderNoticesPage>[1]>) =>
        html(
          reply,
          renderNoticesPage(lang, {
            code: b.code,
            csrf: s.csrf,
            items: await listNoticesForStaff(db, b.code),
            form,
            ...extra,
          }),
          status,
        );
      const { body, ruleError } = requestFromForm(form);
      if (ruleError)
        return again(400, {
          problems: [
            {
              field: 'rule',
              message: lang === 'ja' ? '条件をJSONで入力してください。' : 'Write the rule as JSON.',
            },
          ],
        });
      try {
        if (b.intent === 'preview') {
          const { count, asOf } = await previewNotice(db, s.id, req.id, b.code, body);
          return again(200, { count: { n: count, asOf } });
        }
        const { id } = await createNotice(db, s.id, req.id, b.code, body);
        return reply.redirect(
          `/staff/notices/${id}?code=${encodeURIComponent(b.code)}${lang === 'en' ? '&lang=en' : ''}`,
          303,
        );
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500 || err.code === 'resource.not_found') throw err;
        const problems = err.fields.length
          ? err.fields.map((f) => ({
              field: controlOf(f.path),
              message: `${f.path.replace(/^\/body/, '')}: ${f.message[lang]}`,
            }))
          : [{ field: 'title', message: messageOf(err.code, lang) }];
        return again(err.status, { problems });
      }
    },
  );

  app.get(
    '/staff/notices/:id',
    {
      schema: {
        summary: "Staff page: one notice's sending status",
        tags: ['staff pages'],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: Type.Object({ lang: Lang, code: Str(32) }),
      },
    },
    async (req, reply) => {
      const s = staff(req);
      if (!s) return toLogin(req, reply);
      const { code } = req.query;
      const n = await noticeForStaff(db, s.id, req.id, code, req.params.id);
      const counts = await fetchDeliveryCounts(
        { url: config.portalUrl, token: config.portalMachineToken },
        code,
        n.id,
        req.id,
      );
      return html(reply, renderNoticeDetailPage(requestLang(req), code, n, counts));
    },
  );
}
