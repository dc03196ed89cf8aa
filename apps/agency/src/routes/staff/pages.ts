import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { type HttpApp, requestLang, Type } from '@madoguchi/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AgencyConfig } from '../../config.ts';
import type { AgencyDB } from '../../data/schema.ts';
import { renderDashboard, renderInquiries, renderLoginPage } from '../../pages/staff-pages.ts';
import {
  checkStaffToken,
  isValidStaffId,
  readCookie,
  signStaffSession,
  verifyStaffSession,
} from '../../services/staff-auth.ts';
import { fetchInquiries, residentCountsForStaff } from '../../services/staff-reads.ts';

export const cookieName = 'madoguchi_staff';
const LangQuery = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')])) });
const html = (reply: FastifyReply, body: string, status = 200) =>
  reply.code(status).type('text/html; charset=utf-8').send(body);

export function registerStaffPages(app: HttpApp, db: Kysely<AgencyDB>, config: AgencyConfig): void {
  const secure = config.mode === 'production' ? '; Secure' : '';
  const session = (req: FastifyRequest) =>
    verifyStaffSession(readCookie(req.headers.cookie, cookieName), config.sessionSecret);
  const toLogin = (req: FastifyRequest, reply: FastifyReply) =>
    reply.redirect(`/staff/login${requestLang(req) === 'en' ? '?lang=en' : ''}`, 303);

  app.get(
    '/staff/login',
    { schema: { summary: 'Staff login page', tags: ['staff pages'], querystring: LangQuery } },
    async (req, reply) => html(reply, renderLoginPage(requestLang(req), false)),
  );

  app.post(
    '/staff/login',
    {
      schema: {
        summary: 'Staff login',
        tags: ['staff pages'],
        querystring: LangQuery,
        body: Type.Object({
          staffId: Type.String({ maxLength: 64 }),
          token: Type.String({ maxLength: 200 }),
        }),
      },
    },
    async (req, reply) => {
      const lang = requestLang(req);
      try {
        if (!isValidStaffId(req.body.staffId)) throw new AppError('auth.invalid_credentials');
        checkStaffToken(req.body.token, config.staffToken);
      } catch {
        return html(reply, renderLoginPage(lang, true, req.body.staffId), 401);
      }
      reply.header(
        'set-cookie',
        `${cookieName}=${encodeURIComponent(signStaffSession(req.body.staffId, config.sessionSecret))}; Path=/; HttpOnly; SameSite=Strict${secure}`,
      );
      return reply.redirect(`/staff${lang === 'en' ? '?lang=en' : ''}`, 303);
    },
  );

  app.post(
    '/staff/logout',
    { schema: { summary: 'Staff logout', tags: ['staff pages'] } },
    async (_req, reply) => {
      reply.header('set-cookie', `${cookieName}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure}`);
      return reply.redirect('/staff/login', 303);
    },
  );

  app.get(
    '/staff',
    { schema: { summary: 'Staff home: resident counts', tags: ['staff pages'], querystring: LangQuery } },
    async (req, reply) => {
      const staffId = session(req);
      if (!staffId) return toLogin(req, reply);
      return html(
        reply,
        renderDashboard(requestLang(req), await residentCountsForStaff(db, staffId, req.id)),
      );
    },
  );

  app.get(
    '/staff/inquiries',
    {
      schema: {
        summary: 'Inquiries received by the portal',
        tags: ['staff pages'],
        querystring: Type.Object({
          lang: Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')])),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
      },
    },
    async (req, reply) => {
      const staffId = session(req);
      if (!staffId) return toLogin(req, reply);
      const { total, items } = await fetchInquiries(
        { url: config.portalUrl, token: config.portalMachineToken },
        staffId,
        req.id,
        { limit: 50, offset: req.query.offset },
      );
      return html(reply, renderInquiries(requestLang(req), total, items));
    },
  );
}
