import type { Kysely } from '@madoguchi/db';
import { AppError, messageOf } from '@madoguchi/errors';
import type { InfoField } from '@madoguchi/exchange';
import { type HttpApp, requestLang, Type } from '@madoguchi/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AgencyConfig } from '../../config.ts';
import type { AgencyDB } from '../../data/schema.ts';
import { renderRecordsPage } from '../../pages/records-page.ts';
import { createRecordForStaff, listRecordsForStaff } from '../../services/records/staff-records.ts';
import { readCookie, verifyStaffSession } from '../../services/staff-auth.ts';
import { cookieName } from './pages.ts';

const Lang = Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')]));
const Code = Type.String({ maxLength: 32 });
const Fugo = Type.String({ maxLength: 64 });
const html = (reply: FastifyReply, body: string, status = 200) =>
  reply.code(status).type('text/html; charset=utf-8').send(body);

/** "key|label|value" per line; a value of digits only becomes a number. */
export function parseFieldLines(text: string): InfoField[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((line) => {
      const [key = '', label = '', ...rest] = line.split('|');
      const raw = rest.join('|').trim();
      return {
        key: key.trim(),
        label: label.trim(),
        value: /^-?\d{1,15}$/.test(raw) ? Number(raw) : raw,
      };
    });
}

/** Minimal staff page: a person's records at one agency and a form to add one (no JavaScript). */
export function registerStaffRecordsPages(app: HttpApp, db: Kysely<AgencyDB>, config: AgencyConfig): void {
  const session = (req: FastifyRequest) =>
    verifyStaffSession(readCookie(req.headers.cookie, cookieName), config.sessionSecret);
  const toLogin = (req: FastifyRequest, reply: FastifyReply) =>
    reply.redirect(`/staff/login${requestLang(req) === 'en' ? '?lang=en' : ''}`, 303);

  /** The list for a known person; for an unknown one the error says so where the list would be. */
  async function list(staffId: string, requestId: string, code: string, fugo: string) {
    try {
      return { records: await listRecordsForStaff(db, staffId, requestId, code, fugo) };
    } catch (err) {
      if (err instanceof AppError && err.status === 404) return { notFound: err };
      throw err;
    }
  }

  app.get(
    '/staff/records',
    {
      schema: {
        summary: "Staff page: a person's records for exchange at one agency",
        tags: ['staff pages'],
        querystring: Type.Object({ lang: Lang, code: Type.Optional(Code), fugo: Type.Optional(Fugo) }),
      },
    },
    async (req, reply) => {
      const staffId = session(req);
      if (!staffId) return toLogin(req, reply);
      const lang = requestLang(req);
      const { code = '', fugo = '' } = req.query;
      if (!code || !fugo) return html(reply, renderRecordsPage(lang, { code, fugo }));
      const found = await list(staffId, req.id, code, fugo);
      if (found.notFound)
        return html(
          reply,
          renderRecordsPage(lang, {
            code,
            fugo,
            records: [],
            problems: [{ field: 'fugo', message: messageOf(found.notFound.code, lang) }],
          }),
          404,
        );
      return html(reply, renderRecordsPage(lang, { code, fugo, records: found.records }));
    },
  );

  app.post(
    '/staff/records',
    {
      schema: {
        summary: 'Staff page: record information for exchange',
        tags: ['staff pages'],
        querystring: Type.Object({ lang: Lang }),
        body: Type.Object({
          code: Code,
          fugo: Fugo,
          infoType: Type.String({ maxLength: 64 }),
          title: Type.String({ maxLength: 1000 }),
          asOf: Type.String({ maxLength: 20 }),
          fields: Type.String({ maxLength: 60_000 }),
        }),
      },
    },
    async (req, reply) => {
      const staffId = session(req);
      if (!staffId) return toLogin(req, reply);
      const lang = requestLang(req);
      const b = req.body;
      const back = `/staff/records?code=${encodeURIComponent(b.code)}&fugo=${encodeURIComponent(b.fugo)}${lang === 'en' ? '&lang=en' : ''}`;
      try {
        await createRecordForStaff(db, staffId, req.id, b.code, {
          fugo: b.fugo,
          infoType: b.infoType,
          title: b.title.trim(),
          asOf: b.asOf,
          fields: parseFieldLines(b.fields),
        });
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        const found = await list(staffId, req.id, b.code, b.fugo);
        const problems =
          err.fields.length > 0
            ? err.fields.map((f) => ({
                field: f.path.split('/')[2] ?? 'fields',
                message: `${messageOf(err.code, lang)} ${f.message[lang]}`,
              }))
            : [{ field: 'fields', message: messageOf(err.code, lang) }];
        return html(
          reply,
          renderRecordsPage(lang, { ...b, records: found.records ?? [], problems, form: b }),
          err.status,
        );
      }
      return reply.redirect(back, 303);
    },
  );
}
