import { contactPhoneUnset, type ServiceDefinition } from '@madoguchi/catalogue';
import type { FieldError } from '@madoguchi/errors';
import { html, type SafeHtml } from '@madoguchi/ui';
import type { DocumentView, PittariQuery, PittariView } from '../services/services-catalogue/pittari.ts';
import { type PageUser, portalPage } from './portal-page.ts';
import { categoryEn, lifeEventEn, servicesMessages, vocabName } from './services-messages.ts';
import { errorSummary, pittariFieldset, queryString } from './services-page.ts';

type Lang = 'ja' | 'en';

const mediaNames: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/heic': 'HEIC',
};

const megabytes = (bytes: number) => String(Math.round((bytes / (1024 * 1024)) * 10) / 10);

function documentItem(lang: Lang, d: DocumentView, def: ServiceDefinition, q: string): SafeHtml {
  const m = servicesMessages[lang];
  const doc = d.document;
  const name = lang === 'en' ? doc.nameEn : doc.name;
  const help = doc.help ? html`<p class="hint">${doc.help[lang]}</p>` : '';
  const ifApplies = d.conditional ? html`<span class="status">${m.ifApplies}</span> ` : '';
  if (d.status === 'via_hub' && doc.viaHub) {
    return html`<li data-testid="document" data-document="${doc.id}" data-status="via_hub" data-conditional="${String(d.conditional)}">
  <p><strong>${name}</strong></p>
  <p>${ifApplies}<span class="status status--ready">${m.viaHub}</span></p>
  <p>${m.viaHubText(doc.viaHub.infoType)}</p>
  ${help}
</li>`;
  }
  const types = doc.accept.map((t) => mediaNames[t] ?? t).join(', ');
  const electronic = doc.electronicForm
    ? html`<p>${m.electronicForm} <a href="/services/${def.municipality}/${doc.electronicForm}${q}">${doc.electronicForm}</a></p>`
    : '';
  return html`<li data-testid="document" data-document="${doc.id}" data-status="${d.status}" data-conditional="${String(d.conditional)}">
  <p><strong>${name}</strong></p>
  ${d.conditional ? html`<p>${ifApplies}</p>` : ''}
  <p>${m.accepts}: ${types}（${m.maxSize(megabytes(doc.maxBytes))}）</p>
  ${electronic}
  ${help}
</li>`;
}

function documentSections(lang: Lang, view: PittariView, def: ServiceDefinition, q: string): SafeHtml {
  const m = servicesMessages[lang];
  const group = (id: string, heading: string, docs: DocumentView[], names = false) =>
    docs.length === 0
      ? ''
      : html`<section aria-labelledby="${id}-heading" data-testid="${id}">
  <h3 id="${id}-heading">${heading}</h3>
  <ul>${names ? docs.map((d) => html`<li data-testid="document" data-document="${d.document.id}" data-status="not_needed">${lang === 'en' ? d.document.nameEn : d.document.name}</li>`) : docs.map((d) => documentItem(lang, d, def, q))}</ul>
</section>`;
  const decided = view.documents.filter((d) => !d.conditional);
  const attach = decided.filter((d) => d.status === 'attach');
  return html`<section aria-labelledby="documents-heading">
  <h2 id="documents-heading">${m.documentsHeading}</h2>
  <p>${m.documentsLead}</p>
  ${attach.length === 0 ? html`<p data-testid="no-attachments">${m.noDocuments}</p>` : ''}
  ${group('attach', m.attachHeading, attach)}
  ${group(
    'via-hub',
    m.viaHubHeading,
    decided.filter((d) => d.status === 'via_hub'),
  )}
  ${group(
    'conditional',
    m.conditionalHeading,
    view.documents.filter((d) => d.conditional),
  )}
  ${group(
    'not-needed',
    m.notNeededHeading,
    decided.filter((d) => d.status === 'not_needed'),
    true,
  )}
</section>`;
}

function eligibilitySection(lang: Lang, view: PittariView): SafeHtml {
  const m = servicesMessages[lang];
  const e = view.eligibility;
  let verdict: SafeHtml;
  if (e.eligible)
    verdict = html`<p data-testid="eligibility" data-eligible="yes"><span class="status status--ready">${m.eligible}</span></p>`;
  else if (e.failed?.kind === 'residency')
    verdict = html`<p data-testid="eligibility" data-eligible="residency">${m.residency}</p>`;
  else if (view.unansweredQuestions.length > 0)
    verdict = html`<div data-testid="eligibility" data-eligible="unknown"><p>${view.answered ? m.unansweredLead : m.unknownEligibility}</p>
  <ul>${view.unansweredQuestions.map((k) => html`<li><a href="#${k === 'childrenAges' ? 'ages' : k}">${m[k === 'childrenAges' ? 'ages' : k]}</a></li>`)}</ul></div>`;
  else
    verdict = html`<p data-testid="eligibility" data-eligible="no"><span class="status">${m.notEligible}</span></p>`;
  return html`<section aria-labelledby="eligibility-heading">
  <h2 id="eligibility-heading">${m.eligibilityHeading}</h2>
  ${verdict}
  <p class="hint">${m.formChecked}</p>
</section>`;
}

export interface ServiceDetailInput {
  definition: ServiceDefinition;
  municipalityName: string;
  view: PittariView;
  query: PittariQuery;
  answers: Record<string, string>;
  errors: FieldError[];
  user?: PageUser;
}

/** /services/{municipality}/{id}: the definition, and what the ぴったり answers mean for it. */
export function renderServiceDetailPage(lang: Lang, input: ServiceDetailInput): string {
  const m = servicesMessages[lang];
  const d = input.definition;
  const title = lang === 'en' ? d.titleEn : d.title;
  const path = `/services/${d.municipality}/${d.id}`;
  const q = queryString(input.answers, lang);
  const fee =
    d.fee.amountYen === 0 ? m.free : `${m.yen(d.fee.amountYen)}${m.payment[d.fee.payment ?? 'none']}`;
  const main = html`<h1 data-testid="service-title">${title}</h1>
${errorSummary(lang, input.errors)}
<p class="lead">${d.description[lang]}</p>
<dl class="fields" data-testid="service-facts">
  <dt>${m.municipalityLabel}</dt><dd>${input.municipalityName}</dd>
  <dt>${m.category}</dt><dd>${vocabName(categoryEn, d.category, lang)}</dd>
  <dt>${m.lifeEvent}</dt><dd>${d.lifeEvents.map((e) => vocabName(lifeEventEn, e, lang)).join('、')}</dd>
  <dt>${m.legalBasis}</dt><dd>${d.legalBasis}</dd>
  <dt>${m.fee}</dt><dd data-testid="fee">${fee}</dd>
  <dt>${m.signature}</dt><dd data-testid="signature">${d.signatureRequired ? m.signatureRequired : m.signatureNotRequired}</dd>
  <dt>${m.contact}</dt><dd data-testid="contact">${d.contact.section}<br>${d.contact.phone === contactPhoneUnset ? m.phoneUnset : html`<a href="tel:${d.contact.phone}">${d.contact.phone}</a>`}${d.contact.email ? html`<br><a href="mailto:${d.contact.email}">${d.contact.email}</a>` : ''}</dd>
</dl>
${eligibilitySection(lang, input.view)}
${documentSections(lang, input.view, d, q)}
<p><a class="button" href="${path}/apply${q}" data-testid="apply">${m.apply}</a></p>
<form method="get" action="${path}" aria-labelledby="recheck-heading" novalidate>
  <h2 id="recheck-heading">${m.recheck}</h2>
  ${lang === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}
  ${pittariFieldset(lang, input.query, input.errors)}
  <button type="submit" class="button button--secondary">${m.recheck}</button>
</form>
<p><a href="/services${queryString({ municipality: d.municipality, ...input.answers }, lang)}">${m.backToSearch}</a></p>`;
  return portalPage(lang, title, path, main, input.user);
}
