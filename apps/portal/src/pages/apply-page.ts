import type { FormIssue, PersonalisedDocument, ServiceDefinition } from '@madoguchi/catalogue';
import { fieldPointers } from '@madoguchi/catalogue';
import { formatDate, html, type SafeHtml } from '@madoguchi/ui';
import type { AttachmentMeta } from '../data/application-drafts.ts';
import {
  type AttachmentRefusal,
  MAX_FILE_BYTES,
  MAX_FILES_PER_DOCUMENT,
} from '../services/applications/attachments.ts';
import { fieldId, valueAt } from '../services/applications/form-values.ts';
import { displayValue, sectionHtml } from './apply-form-fields.ts';
import { applyMessages } from './apply-messages.ts';
import { type PageUser, portalPage } from './portal-page.ts';
import { signForm } from './submitted-page.ts';

type Lang = 'ja' | 'en';

const mediaNames: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/heic': 'HEIC',
};
const extensions: Record<string, string> = {
  'application/pdf': '.pdf',
  'image/jpeg': '.jpg,.jpeg',
  'image/png': '.png',
  'image/heic': '.heic,.heif',
};

const megabytes = (bytes: number) => String(Math.round((bytes / (1024 * 1024)) * 10) / 10);
const kilobytes = (bytes: number) => String(Math.max(1, Math.round(bytes / 1024)));
const langQuery = (lang: Lang) => (lang === 'en' ? '?lang=en' : '');
const docName = (lang: Lang, d: PersonalisedDocument) => (lang === 'en' ? d.nameEn : d.name);

export interface AttachmentError {
  document: string;
  refusal: AttachmentRefusal;
}

interface Summary {
  href: string;
  text: string;
}

function errorSummary(lang: Lang, items: Summary[]): SafeHtml | string {
  if (items.length === 0) return '';
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" data-testid="error-summary">
  <h2 id="error-summary-title">${applyMessages[lang].errorSummary}</h2>
  <ul>${items.map((i) => html`<li><a href="${i.href}">${i.text}</a></li>`)}</ul>
</div>`;
}

function attachmentList(lang: Lang, base: string, csrf: string, files: AttachmentMeta[], removable: boolean) {
  const m = applyMessages[lang];
  return html`<ul data-testid="attachments">${files.map(
    (a) => html`<li data-testid="attachment" data-attachment="${a.id}" data-sha256="${a.sha256}">
    <a href="${base}/attachments/${a.id}${langQuery(lang)}">${a.filename}</a>（${mediaNames[a.mediaType] ?? a.mediaType}、${m.size(kilobytes(a.size))}）
    <br><code>SHA-256: ${a.sha256}</code>
    ${removable ? html`<form method="post" action="${base}/attachments/${a.id}/remove${langQuery(lang)}" class="inline-form"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit" class="button button--secondary">${m.remove}</button></form>` : ''}
  </li>`,
  )}</ul>`;
}

function attachDocument(
  lang: Lang,
  base: string,
  csrf: string,
  d: PersonalisedDocument,
  files: AttachmentMeta[],
  error: AttachmentError | undefined,
): SafeHtml {
  const m = applyMessages[lang];
  const doc = d.document;
  const id = `doc-${doc.id}-file`;
  const problem = error?.document === doc.id ? m.attachmentErrors[error.refusal] : undefined;
  const limit = Math.min(doc.maxBytes, MAX_FILE_BYTES);
  const upload =
    files.length >= MAX_FILES_PER_DOCUMENT
      ? html`<p>${m.tooManyYet}</p>`
      : html`<form method="post" action="${base}/attachments${langQuery(lang)}" enctype="multipart/form-data" class="form-field${problem ? ' form-field--error' : ''}">
    <input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="document" value="${doc.id}">
    <label for="${id}">${m.file}</label>
    ${problem ? html`<p class="field-error" id="${id}-error" data-testid="attachment-error" data-refusal="${error?.refusal}">${problem}</p>` : ''}
    <input type="file" id="${id}" name="file" accept="${doc.accept.map((t) => `${t},${extensions[t] ?? ''}`).join(',')}"${problem ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>
    <button type="submit" class="button button--secondary">${m.upload}</button>
  </form>`;
  return html`<li class="card" data-testid="document" data-document="${doc.id}" data-status="attach">
  <h3>${docName(lang, d)}</h3>
  ${doc.help ? html`<p class="hint">${doc.help[lang]}</p>` : ''}
  <p>${m.accepts}: ${doc.accept.map((t) => mediaNames[t] ?? t).join(', ')}（${m.maxSize(megabytes(limit), MAX_FILES_PER_DOCUMENT)}）</p>
  ${files.length ? html`<p>${m.attached}</p>${attachmentList(lang, base, csrf, files, true)}` : html`<p><span class="status">${m.notAttached}</span></p>`}
  ${upload}
</li>`;
}

function viaHubItem(lang: Lang, d: PersonalisedDocument): SafeHtml {
  const m = applyMessages[lang];
  return html`<li class="card" data-testid="document" data-document="${d.id}" data-status="via_hub">
  <h3>${docName(lang, d)}</h3>
  <p><span class="status status--ready">${m.viaHub}</span></p>
  <p>${m.viaHubText(d.document.viaHub?.infoType ?? '')}</p>
</li>`;
}

function documentsSection(
  lang: Lang,
  base: string,
  csrf: string,
  documents: PersonalisedDocument[],
  attachments: AttachmentMeta[],
  error: AttachmentError | undefined,
): SafeHtml {
  const m = applyMessages[lang];
  const filesOf = (id: string) => attachments.filter((a) => a.documentId === id);
  const notNeeded = documents.filter((d) => d.status === 'not_needed');
  return html`<section id="documents" aria-labelledby="documents-heading">
  <h2 id="documents-heading">${m.documentsHeading}</h2>
  <p>${m.documentsLead}</p>
  <ul class="menu">${documents.map((d) =>
    d.status === 'attach'
      ? attachDocument(lang, base, csrf, d, filesOf(d.id), error)
      : d.status === 'via_hub'
        ? viaHubItem(lang, d)
        : '',
  )}</ul>
  ${notNeeded.length ? html`<h3>${m.notNeeded}</h3><ul>${notNeeded.map((d) => html`<li data-testid="document" data-document="${d.id}" data-status="not_needed">${docName(lang, d)}</li>`)}</ul>` : ''}
</section>`;
}

export interface ApplyFormInput {
  definition: ServiceDefinition;
  user: PageUser;
  answers: Record<string, unknown>;
  issues: FormIssue[];
  savedAt: Date | undefined;
  documents: PersonalisedDocument[];
  attachments: AttachmentMeta[];
  attachmentError?: AttachmentError;
  flash?: 'attached' | 'removed';
}

/** /services/{m}/{id}/apply: the form from the definition, prefilled from the draft, and the documents. */
export function renderApplyPage(lang: Lang, input: ApplyFormInput): string {
  const m = applyMessages[lang];
  const d = input.definition;
  const base = `/services/${d.municipality}/${d.id}/apply`;
  const csrf = input.user.csrfToken;
  const service = lang === 'en' ? d.titleEn : d.title;
  const summary: Summary[] = input.issues.map((i) => ({
    href: i.path === '' ? '#apply-form' : `#${fieldId(i.path)}`,
    text: i.message[lang],
  }));
  const err = input.attachmentError;
  if (err) summary.push({ href: `#doc-${err.document}-file`, text: m.attachmentErrors[err.refusal] });
  const flash =
    input.flash === 'attached' ? m.attachmentAdded : input.flash === 'removed' ? m.attachmentRemoved : '';
  const main = html`<h1>${m.formTitle(service)}</h1>
${errorSummary(lang, summary)}
${flash ? html`<p class="status-message" role="status" data-testid="flash">${flash}</p>` : ''}
<p class="lead">${m.lead}</p>
<p data-testid="saved-at">${input.savedAt ? m.savedAt(formatDate(input.savedAt, lang)) : m.notSaved}</p>
<form method="post" action="${base}${langQuery(lang)}" id="apply-form" novalidate>
  <input type="hidden" name="_csrf" value="${csrf}">
  <p><button type="submit" class="button button--secondary" name="intent" value="save">${m.save}</button></p>
  ${d.form.ui.sections.map((s) => sectionHtml(lang, d.form, s, input.answers, input.issues))}
  <p><button type="submit" class="button button--secondary" name="intent" value="save" data-testid="save">${m.save}</button>
  <button type="submit" class="button" name="intent" value="review" data-testid="review">${m.toReview}</button></p>
</form>
${documentsSection(lang, base, csrf, input.documents, input.attachments, err)}
<p><a href="/services/${d.municipality}/${d.id}${langQuery(lang)}">${m.back}</a></p>`;
  const title = summary.length ? `${m.errorSummary}: ${m.formTitle(service)}` : m.formTitle(service);
  return portalPage(lang, title, base, main, input.user);
}

export interface ReviewInput {
  definition: ServiceDefinition;
  user: PageUser;
  answers: Record<string, unknown>;
  documents: PersonalisedDocument[];
  attachments: AttachmentMeta[];
  missing: string[];
  sha256: string;
  submissionId: string;
  /** Where browsers reach the card reader agent. */
  agentUrl: string;
}

function answersList(lang: Lang, def: ServiceDefinition, answers: Record<string, unknown>): SafeHtml {
  const m = applyMessages[lang];
  const placed = fieldPointers(def.form);
  return html`${def.form.ui.sections.map((section) => {
    const fields = placed.filter((p) => p.section === section);
    const rows = section.repeat ? valueAt(answers, `/${section.repeat.property}`) : [undefined];
    const count = Array.isArray(rows) ? rows.length : 0;
    if (count === 0 || (section.group && valueAt(answers, `/${section.group}`) === undefined)) return '';
    return html`<section class="card" data-section="${section.id}"><h3>${section.title[lang]}</h3>
    ${Array.from({ length: count }, (_, i) => {
      const concrete = (pattern: string) => pattern.replace('/*/', `/${i}/`);
      return html`${section.repeat ? html`<h4>${m.row(section.repeat.itemTitle[lang], i + 1)}</h4>` : ''}<dl class="fields">${fields.map(
        (f) =>
          html`<dt>${f.field.label[lang]}</dt><dd data-field="${concrete(f.pointer)}">${displayValue(lang, f.field, valueAt(answers, concrete(f.pointer)))}</dd>`,
      )}</dl>`;
    })}</section>`;
  })}`;
}

/** /services/{m}/{id}/apply/review: read-only answers, documents and the hash the card will sign. */
export function renderReviewPage(lang: Lang, input: ReviewInput): string {
  const m = applyMessages[lang];
  const d = input.definition;
  const base = `/services/${d.municipality}/${d.id}/apply`;
  const service = lang === 'en' ? d.titleEn : d.title;
  const filesOf = (id: string) => input.attachments.filter((a) => a.documentId === id);
  const docs = input.documents.filter((x) => x.status !== 'not_needed');
  const main = html`<h1>${m.reviewTitle(service)}</h1>
<h2>${m.answersHeading}</h2>
${answersList(lang, d, input.answers)}
<p><a href="${base}${langQuery(lang)}">${m.edit}</a></p>
<section aria-labelledby="documents-heading"><h2 id="documents-heading">${m.documentsHeading}</h2>
${input.missing.length ? html`<p class="status-message status-message--error" data-testid="missing-documents">${m.missingDocuments}</p>` : ''}
<ul class="menu">${docs.map(
    (x) => html`<li class="card" data-testid="document" data-document="${x.id}" data-status="${x.status}">
  <h3>${docName(lang, x)}</h3>
  ${x.status === 'via_hub' ? html`<p><span class="status status--ready">${m.viaHub}</span></p>` : filesOf(x.id).length ? attachmentList(lang, base, input.user.csrfToken, filesOf(x.id), false) : html`<p><span class="status">${m.notAttached}</span></p>`}
</li>`,
  )}</ul></section>
<section aria-labelledby="hash-heading"><h2 id="hash-heading">${m.hashHeading}</h2>
<p>${m.hashLead} <code data-testid="application-sha256">${input.sha256}</code></p>
<p>${m.submissionId}: <code data-testid="submission-id">${input.submissionId}</code></p>
${signForm(lang, { ...input, base, service, signLabel: m.sign })}
</section>`;
  return portalPage(lang, m.reviewTitle(service), `${base}/review`, main, input.user);
}
