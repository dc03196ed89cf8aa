import { AppError, messageOf } from '@madoguchi/errors';
import { type HttpApp, requestLang, Type } from '@madoguchi/http';
import type { FastifyRequest } from 'fastify';
import { findLink } from '../../data/accounts.ts';
import { renderDeductionsPage } from '../../pages/deductions-page.ts';
import { type DeductionDeps, importDeductions } from '../../services/deductions/import-deductions.ts';
import {
  deductionBundle,
  downloadDeduction,
  readDeductions,
} from '../../services/deductions/read-deductions.ts';
import type { Session } from '../../services/sessions.ts';
import { sendHtml, userOrRedirect } from '../../web/page-user.ts';
import type { WebSessions } from '../../web/session-cookie.ts';

const Lang = Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')]));

/** 控除証明書: import from e-delivery, list with verification, download one or the ZIP bundle. */
export function registerDeductionRoutes(app: HttpApp, deps: DeductionDeps, web: WebSessions): void {
  async function page(
    req: FastifyRequest,
    user: Session & { subject: string },
    extra: { imported?: { added: number; total: number }; error?: string },
  ): Promise<string> {
    const { linked, certificates } = await readDeductions(deps.db, {
      subject: user.subject,
      requestId: req.id,
    });
    const nickname = (await findLink(deps.db, user.subject))?.nickname ?? null;
    return renderDeductionsPage(requestLang(req), {
      linked,
      certificates,
      user: { nickname, csrfToken: user.csrfToken },
      ...extra,
    });
  }

  app.get(
    '/deductions',
    {
      schema: {
        summary: '控除証明書: imported deduction certificates and their verification (after login)',
        description: 'Audited as deduction.listed.',
        tags: ['pages'],
        querystring: Type.Object({
          lang: Lang,
          added: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
          total: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
        }),
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(web, req, reply);
      if (!user) return reply;
      const { added, total } = req.query;
      return sendHtml(
        reply,
        await page(
          req,
          user,
          added !== undefined && total !== undefined ? { imported: { added, total } } : {},
        ),
      );
    },
  );

  app.post(
    '/deductions/import',
    {
      schema: {
        summary: 'Import deduction certificates from the linked e-delivery mailbox and verify them',
        description: 'Audited as deduction.imported.',
        tags: ['pages'],
        querystring: Type.Object({ lang: Lang }),
        body: Type.Object({ _csrf: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(web, req, reply);
      if (!user) return reply;
      web.checkCsrf(user, req.body._csrf);
      const lang = requestLang(req);
      try {
        const r = await importDeductions(deps, { subject: user.subject, requestId: req.id });
        return reply.redirect(
          `/deductions?${lang === 'en' ? 'lang=en&' : ''}added=${r.added}&total=${r.total}`,
          303,
        );
      } catch (err) {
        if (!(err instanceof AppError) || !err.code.startsWith('edelivery.')) throw err;
        return sendHtml(reply, await page(req, user, { error: messageOf(err.code, lang) }), err.status);
      }
    },
  );

  app.get(
    '/deductions/bundle.zip',
    {
      schema: {
        summary: 'All imported deduction certificates (original signed XML) as one ZIP for e-Tax',
        description: 'Audited as deduction.bundle_downloaded.',
        tags: ['pages'],
        produces: ['application/zip'],
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(web, req, reply);
      if (!user) return reply;
      const zip = await deductionBundle(deps.db, { subject: user.subject, requestId: req.id });
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="deductions.zip"')
        .type('application/zip')
        .send(zip);
    },
  );

  app.get(
    '/deductions/:file',
    {
      schema: {
        summary: 'One deduction certificate: the original signed XML',
        description: 'Audited as deduction.downloaded. Another person’s certificate is 404.',
        tags: ['pages'],
        params: Type.Object({
          file: Type.String({
            pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.xml$',
          }),
        }),
        produces: ['application/xml'],
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(web, req, reply);
      if (!user) return reply;
      const { fileName, xml } = await downloadDeduction(
        deps.db,
        { subject: user.subject, requestId: req.id },
        req.params.file.slice(0, -4),
      );
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .type('application/xml; charset=utf-8')
        .send(xml);
    },
  );
}
