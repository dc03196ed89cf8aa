import multipart from '@fastify/multipart';
import type { HubReach, ServiceDefinition } from '@madoguchi/catalogue';
import { validateForm } from '@madoguchi/catalogue';
import type { Kysely } from '@madoguchi/db';
import type { AttachmentScanner } from '@madoguchi/e-application';
import { AppError } from '@madoguchi/errors';
import { type HttpApp, requestLang, Type } from '@madoguchi/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PortalDB } from '../../data/schema.ts';
import { type AttachmentError, renderApplyPage, renderReviewPage } from '../../pages/apply-page.ts';
import {
  type AttachmentRefusal,
  addAttachment,
  MAX_FILE_BYTES,
  readAttachment,
  removeAttachment,
} from '../../services/applications/attachments.ts';
import { openDraft, saveDraft } from '../../services/applications/drafts.ts';
import {
  answersFromForm,
  applyRowIntent,
  compactAnswers,
  fieldId,
} from '../../services/applications/form-values.ts';
import { postedForm, readUpload } from '../../services/applications/request-bodies.ts';
import { documentsFor, reviewModel } from '../../services/applications/review.ts';
import type { CatalogueStore } from '../../services/services-catalogue/catalogue-store.ts';
import { sendHtml, userOrRedirect } from '../../web/page-user.ts';
import type { WebSessions } from '../../web/session-cookie.ts';
import { rememberLang } from './pages.ts';

export interface ApplyRoutesDeps {
  store: CatalogueStore;
  db: Kysely<PortalDB>;
  web: WebSessions;
  reach: (def: ServiceDefinition) => HubReach;
  scanner?: AttachmentScanner;
  /** Where browsers reach the card reader agent (CARD_AGENT_URL), for the review page's sign step. */
  agentUrl: string;
}

const Lang = Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')]));
export const ApplyParams = Type.Object({
  municipality: Type.String({ pattern: '^[0-9]{6}$' }),
  id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64 }),
});
const AttachmentParams = Type.Object({
  ...ApplyParams.properties,
  attachment: Type.String({ format: 'uuid' }),
});
export const LangQuery = Type.Object({ lang: Lang });
const FormQuery = Type.Object({
  lang: Lang,
  flash: Type.Optional(Type.Union([Type.Literal('attached'), Type.Literal('removed')])),
});

export const applyPath = (def: { municipality: string; id: string }) =>
  `/services/${def.municipality}/${def.id}/apply`;
export const withLang = (path: string, lang: 'ja' | 'en', hash = '') =>
  `${path}${lang === 'en' ? `${path.includes('?') ? '&' : '?'}lang=en` : ''}${hash}`;

/** The catalogue entry, or 503 before the first feed sync and 404 for a service that is not published. */
export function serviceOf(store: CatalogueStore, p: { municipality: string; id: string }): ServiceDefinition {
  if (store.syncedAt === null)
    throw new AppError('service.unavailable', { details: { reason: store.state() } });
  const def = store.get(p.municipality, p.id);
  if (!def) throw new AppError('resource.not_found');
  return def;
}

export const keyOf = (subject: string, def: ServiceDefinition) => ({
  subject,
  municipality: def.municipality,
  serviceId: def.id,
});

/** Renders the form page from the stored draft, optionally with an upload refusal. */
async function formPage(
  deps: ApplyRoutesDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  o: { subject: string; csrfToken: string; def: ServiceDefinition; flash?: 'attached' | 'removed' },
  attachmentError?: AttachmentError,
) {
  const actor = { subject: o.subject, requestId: req.id };
  const opened = await openDraft(deps.db, actor, keyOf(o.subject, o.def), 'form');
  const answers = opened.draft?.answers ?? {};
  const page = renderApplyPage(requestLang(req), {
    definition: o.def,
    user: { nickname: opened.nickname, csrfToken: o.csrfToken },
    answers,
    issues: [],
    savedAt: opened.draft?.updatedAt,
    documents: documentsFor(o.def, answers, deps.reach(o.def)),
    attachments: opened.attachments,
    ...(attachmentError ? { attachmentError } : {}),
    ...(o.flash ? { flash: o.flash } : {}),
  });
  const status = attachmentError ? (attachmentError.refusal === 'too_large' ? 413 : 400) : 200;
  return sendHtml(reply, page, status);
}

function registerAttachmentRoutes(scope: HttpApp, deps: ApplyRoutesDeps): void {
  scope.post(
    '/services/:municipality/:id/apply/attachments',
    {
      schema: {
        summary: 'Attach a file to the application draft (multipart: _csrf, document, file)',
        description:
          'The bytes decide the type (PDF, JPEG, PNG, HEIC per the document spec), then the PDF active-content scan runs. Refusals re-render the form: 400 (type_not_allowed, type_mismatch, malformed, flagged, too_many, empty) or 413 (too_large). Audited as application.attachment_added.',
        tags: ['pages'],
        params: ApplyParams,
        querystring: LangQuery,
        consumes: ['multipart/form-data'],
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(deps.web, req, reply);
      if (!user) return reply;
      const def = serviceOf(deps.store, req.params);
      const { fields, file } = await readUpload(req);
      deps.web.checkCsrf(user, fields._csrf);
      const lang = requestLang(req);
      const doc = def.requiredDocuments.find((d) => d.id === fields.document);
      if (!doc) throw new AppError('resource.not_found');
      const page = { subject: user.subject, csrfToken: user.csrfToken, def };
      const refuse = (refusal: AttachmentRefusal) =>
        formPage(deps, req, reply, page, { document: doc.id, refusal });
      if (!file) return refuse('no_file');
      if (file.truncated) return refuse('too_large');
      const result = await addAttachment(
        deps.db,
        { subject: user.subject, requestId: req.id },
        keyOf(user.subject, def),
        doc,
        file,
        ...(deps.scanner ? [deps.scanner] : []),
      );
      if (!result.ok) return refuse(result.refusal);
      return reply.redirect(withLang(`${applyPath(def)}?flash=attached`, lang, `#doc-${doc.id}-file`), 303);
    },
  );
}

export function registerApplyRoutes(app: HttpApp, deps: ApplyRoutesDeps): void {
  app.get(
    '/services/:municipality/:id/apply',
    {
      schema: {
        summary: 'Online application form of a service, prefilled from the person’s draft (after login)',
        description:
          'Rendered from the definition’s form (JSON Schema + UI sections); documents personalised by the answers (情報連携により省略 where the office fetches them). Audited as application.draft_read when a draft exists.',
        tags: ['pages'],
        params: ApplyParams,
        querystring: FormQuery,
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(deps.web, req, reply);
      if (!user) return reply;
      rememberLang(reply, req.query);
      const def = serviceOf(deps.store, req.params);
      return formPage(deps, req, reply, {
        subject: user.subject,
        csrfToken: user.csrfToken,
        def,
        ...(req.query.flash ? { flash: req.query.flash } : {}),
      });
    },
  );

  app.post(
    '/services/:municipality/:id/apply',
    {
      schema: {
        summary: 'Save the application draft (intent=save, add/remove a row) or check it (intent=review)',
        description:
          'Fields are named by the JSON Pointer of their value. save stores whatever is there (303 back to the form); review saves, validates with the definition’s schema and answers 400 with an error summary, or 303 to the review page. Audited as application.draft_saved.',
        tags: ['pages'],
        params: ApplyParams,
        querystring: LangQuery,
        consumes: ['application/x-www-form-urlencoded'],
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(deps.web, req, reply);
      if (!user) return reply;
      const body = postedForm(req.body);
      deps.web.checkCsrf(user, body._csrf);
      const def = serviceOf(deps.store, req.params);
      const lang = requestLang(req);
      const intent = typeof body.intent === 'string' ? body.intent : 'save';
      const posted = answersFromForm(def.form, body);
      const actor = { subject: user.subject, requestId: req.id };
      const key = keyOf(user.subject, def);
      const rows = applyRowIntent(def.form, posted, intent);
      if (rows) {
        await saveDraft(deps.db, actor, key, rows, intent.split(':')[0] as string);
        const property = intent.split(':')[1] as string;
        return reply.redirect(withLang(applyPath(def), lang, `#${fieldId(`/${property}`)}`), 303);
      }
      if (intent !== 'review') {
        await saveDraft(deps.db, actor, key, posted, 'save');
        return reply.redirect(withLang(applyPath(def), lang), 303);
      }
      // Saved compacted, so the rows on the re-rendered page are the rows the error paths count.
      const saved = await saveDraft(deps.db, actor, key, compactAnswers(def.form, posted), 'review');
      const checked = validateForm(def, saved.draft.answers);
      if (checked.ok) return reply.redirect(withLang(`${applyPath(def)}/review`, lang), 303);
      const page = renderApplyPage(lang, {
        definition: def,
        user: { nickname: saved.nickname, csrfToken: user.csrfToken },
        answers: saved.draft.answers,
        issues: checked.issues,
        savedAt: saved.draft.updatedAt,
        documents: documentsFor(def, saved.draft.answers, deps.reach(def)),
        attachments: saved.attachments,
      });
      return sendHtml(reply, page, 400);
    },
  );

  app.get(
    '/services/:municipality/:id/apply/review',
    {
      schema: {
        summary: 'Read-only review of the application and the SHA-256 of the canonical document to sign',
        description:
          'Redirects (303) to the form while the draft is missing or does not validate. The sign button posts the card signature to …/apply/submit. Audited as application.draft_read.',
        tags: ['pages'],
        params: ApplyParams,
        querystring: LangQuery,
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(deps.web, req, reply);
      if (!user) return reply;
      const def = serviceOf(deps.store, req.params);
      const lang = requestLang(req);
      const opened = await openDraft(
        deps.db,
        { subject: user.subject, requestId: req.id },
        keyOf(user.subject, def),
        'review',
      );
      const model = opened.draft
        ? reviewModel(def, user.subject, opened.draft, opened.attachments, deps.reach(def))
        : undefined;
      if (!opened.draft || !model?.ok) return reply.redirect(withLang(applyPath(def), lang), 303);
      const page = renderReviewPage(lang, {
        definition: def,
        user: { nickname: opened.nickname, csrfToken: user.csrfToken },
        answers: model.answers,
        documents: model.documents,
        attachments: opened.attachments,
        missing: model.missing,
        sha256: model.canonical.sha256,
        submissionId: opened.draft.submissionId,
        agentUrl: deps.agentUrl,
      });
      return sendHtml(reply, page);
    },
  );

  app.get(
    '/services/:municipality/:id/apply/attachments/:attachment',
    {
      schema: {
        summary: 'Download one file of the person’s draft (404 when it is not theirs)',
        description: 'Audited as application.draft_read (view: attachment).',
        tags: ['pages'],
        params: AttachmentParams,
        querystring: LangQuery,
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(deps.web, req, reply);
      if (!user) return reply;
      const def = serviceOf(deps.store, req.params);
      const actor = { subject: user.subject, requestId: req.id };
      const a = await readAttachment(deps.db, actor, keyOf(user.subject, def), req.params.attachment);
      return reply
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(a.filename)}`,
        )
        .type(a.mediaType)
        .send(a.content);
    },
  );

  app.post(
    '/services/:municipality/:id/apply/attachments/:attachment/remove',
    {
      schema: {
        summary: 'Remove one file from the person’s draft (form, CSRF); 404 when it is not theirs',
        description: 'Audited as application.attachment_removed.',
        tags: ['pages'],
        params: AttachmentParams,
        querystring: LangQuery,
        body: Type.Object({ _csrf: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(deps.web, req, reply);
      if (!user) return reply;
      deps.web.checkCsrf(user, req.body._csrf);
      const def = serviceOf(deps.store, req.params);
      const actor = { subject: user.subject, requestId: req.id };
      await removeAttachment(deps.db, actor, keyOf(user.subject, def), req.params.attachment);
      return reply.redirect(withLang(`${applyPath(def)}?flash=removed`, requestLang(req), '#documents'), 303);
    },
  );

  // Multipart parsing exists only in this scope: every other route keeps its own body parsing.
  app.register(async (scope) => {
    await scope.register(multipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
    });
    registerAttachmentRoutes(scope, deps);
  });
}
