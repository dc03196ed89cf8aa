import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { ErrorBodySchema, type HttpApp, requestLang, Type } from '@madoguchi/http';
import type { PortalDB } from '../../data/schema.ts';
import { renderInquiryDonePage, renderInquiryPage } from '../../pages/inquiry-page.ts';
import { submitInquiry } from '../../services/inquiry.ts';
import { InquiryBody, InquiryCreated, LangQuery } from '../schemas.ts';
import { rememberLang } from './pages.ts';

export function registerInquiryRoutes(app: HttpApp, db: Kysely<PortalDB>): void {
  app.get(
    '/inquiry',
    {
      schema: {
        summary: 'Inquiry form (問い合わせ)',
        tags: ['pages'],
        querystring: LangQuery,
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      rememberLang(reply, req.query);
      return reply.type('text/html; charset=utf-8').send(renderInquiryPage(requestLang(req)));
    },
  );

  // The HTML form posts here; errors re-render the form (no JavaScript needed) with status 400.
  app.post(
    '/inquiry',
    {
      schema: {
        summary: 'Submit the inquiry form',
        tags: ['pages'],
        querystring: LangQuery,
        body: InquiryBody,
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const lang = req.body.lang ?? requestLang(req);
      try {
        const { reference } = await submitInquiry({ db, requestId: req.id }, req.body, lang);
        return reply.redirect(
          `/inquiry/done?ref=${encodeURIComponent(reference)}${lang === 'en' ? '&lang=en' : ''}`,
          303,
        );
      } catch (err) {
        if (err instanceof AppError && err.code === 'inquiry.invalid') {
          return reply
            .code(400)
            .type('text/html; charset=utf-8')
            .send(renderInquiryPage(lang, req.body, err.fields));
        }
        throw err;
      }
    },
  );

  app.get(
    '/inquiry/done',
    {
      schema: {
        summary: 'Inquiry received page',
        tags: ['pages'],
        querystring: Type.Object({
          ref: Type.String({ pattern: '^Q-\\d{8}-[0-9A-Z]{6}$' }),
          lang: Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')])),
        }),
        produces: ['text/html'],
      },
    },
    async (req, reply) =>
      reply.type('text/html; charset=utf-8').send(renderInquiryDonePage(requestLang(req), req.query.ref)),
  );

  app.post(
    '/api/inquiries',
    {
      schema: {
        summary: 'Submit an inquiry (JSON)',
        tags: ['inquiries'],
        body: InquiryBody,
        response: { 201: InquiryCreated, 400: ErrorBodySchema },
      },
    },
    async (req, reply) => {
      const created = await submitInquiry(
        { db, requestId: req.id },
        req.body,
        req.body.lang ?? requestLang(req),
      );
      return reply.code(201).send(created);
    },
  );
}
