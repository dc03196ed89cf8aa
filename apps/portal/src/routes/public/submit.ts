import { readFileSync } from 'node:fs';
import type { HubReach, ServiceDefinition } from '@madoguchi/catalogue';
import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { type HttpApp, requestLang, Type } from '@madoguchi/http';
import { findAccount } from '../../data/accounts.ts';
import { listOwnApplications } from '../../data/applications.ts';
import type { PortalDB } from '../../data/schema.ts';
import { renderApplicationsPage, renderSubmittedPage } from '../../pages/submitted-page.ts';
import { ownApplication, receiptPdf } from '../../services/applications/receipt.ts';
import { type SignatureVerifier, submitApplication } from '../../services/applications/submit.ts';
import type { CatalogueStore } from '../../services/services-catalogue/catalogue-store.ts';
import { sendHtml, userOrRedirect } from '../../web/page-user.ts';
import type { WebSessions } from '../../web/session-cookie.ts';
import { ApplyParams, applyPath, keyOf, LangQuery, serviceOf, withLang } from './apply.ts';
import { rememberLang } from './pages.ts';

const signScript = readFileSync(new URL('../../assets/sign.js', import.meta.url), 'utf8');

export interface SubmitRoutesDeps {
  store: CatalogueStore;
  db: Kysely<PortalDB>;
  web: WebSessions;
  reach: (def: ServiceDefinition) => HubReach;
  verify: SignatureVerifier;
}

// jpki takes CMS signatures up to 200,000 base64 characters; the rest of the form is small.
const SIGNATURE_MAX = 200_000;
const bodyLimit = 256 * 1024;

const SubmitBody = Type.Object(
  {
    _csrf: Type.String({ maxLength: 100 }),
    submissionId: Type.String({ format: 'uuid' }),
    documentHash: Type.String({ pattern: '^[0-9a-fA-F]{64}$' }),
    signature: Type.String({ minLength: 1, maxLength: SIGNATURE_MAX }),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const base64 = /^[A-Za-z0-9+/]+={0,2}$/;

async function pageUser(db: Kysely<PortalDB>, subject: string, csrfToken: string) {
  const account = await findAccount(db, subject);
  if (!account) throw new AppError('session.expired');
  return { nickname: account.nickname, csrfToken };
}

export function registerSubmitRoutes(app: HttpApp, deps: SubmitRoutesDeps): void {
  app.get('/assets/sign.js', { schema: { hide: true }, config: { rateLimit: false } }, async (_req, reply) =>
    reply
      .header('cache-control', 'public, max-age=300')
      .type('text/javascript; charset=utf-8')
      .send(signScript),
  );

  app.post(
    '/services/:municipality/:id/apply/submit',
    {
      bodyLimit,
      schema: {
        summary:
          'Submit the application signed with the card (form: _csrf, submissionId, documentHash, signature)',
        description:
          'The canonical application is rebuilt from the draft and must have the signed hash (else 409); jpki verifies the detached CMS over those bytes (422 when refused, revoked or not the applicant). One transaction stores the application with its 受付番号, moves the files and deletes the draft; 303 to /applications/{id}. A retry with the same submissionId answers the same 303. Audited as application.submitted.',
        tags: ['pages'],
        params: ApplyParams,
        querystring: LangQuery,
        body: SubmitBody,
        consumes: ['application/x-www-form-urlencoded'],
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(deps.web, req, reply);
      if (!user) return reply;
      deps.web.checkCsrf(user, req.body._csrf);
      const def = serviceOf(deps.store, req.params);
      const signature = req.body.signature.replace(/\s+/g, '');
      if (!base64.test(signature))
        throw new AppError('application.signature_invalid', { details: { reason: 'base64' } });
      const done = await submitApplication(
        deps.db,
        deps.verify,
        { subject: user.subject, requestId: req.id },
        {
          key: keyOf(user.subject, def),
          definition: def,
          reach: deps.reach(def),
          submissionId: req.body.submissionId,
          documentHash: req.body.documentHash,
          signature: Buffer.from(signature, 'base64'),
        },
      );
      return reply.redirect(withLang(`/applications/${done.applicationId}`, requestLang(req)), 303);
    },
  );

  app.get(
    '/applications',
    {
      schema: {
        summary: 'The person’s submitted applications (申請履歴)',
        tags: ['pages'],
        querystring: LangQuery,
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(deps.web, req, reply);
      if (!user) return reply;
      rememberLang(reply, req.query);
      const list = await listOwnApplications(deps.db, user.subject);
      const page = renderApplicationsPage(
        requestLang(req),
        await pageUser(deps.db, user.subject, user.csrfToken),
        list,
      );
      return sendHtml(reply, page);
    },
  );

  app.get(
    '/applications/:id',
    {
      schema: {
        summary:
          '受付完了: receipt number, procedure and time of one of the person’s applications (404 for anyone else)',
        tags: ['pages'],
        params: IdParams,
        querystring: LangQuery,
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(deps.web, req, reply);
      if (!user) return reply;
      rememberLang(reply, req.query);
      const a = await ownApplication(deps.db, user.subject, req.params.id);
      const page = renderSubmittedPage(
        requestLang(req),
        await pageUser(deps.db, user.subject, user.csrfToken),
        a,
      );
      return sendHtml(reply, page);
    },
  );

  app.get(
    '/applications/:id/receipt.pdf',
    {
      schema: {
        summary: '受付票 (receipt PDF) of one of the person’s applications (404 for anyone else)',
        description: 'Audited as application.receipt_downloaded.',
        tags: ['pages'],
        params: IdParams,
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(deps.web, req, reply);
      if (!user) return reply;
      const { application, pdf } = await receiptPdf(
        deps.db,
        { subject: user.subject, requestId: req.id },
        req.params.id,
      );
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="receipt-${application.receiptNumber}.pdf"`)
        .type('application/pdf')
        .send(Buffer.from(pdf));
    },
  );
}

/** Where the review page's form posts. */
export const submitPath = (def: { municipality: string; id: string }) => `${applyPath(def)}/submit`;
