import { categories, lifeEvents, type ServiceDefinition } from '@madoguchi/catalogue';
import type { FieldError } from '@madoguchi/errors';
import { html, type SafeHtml } from '@madoguchi/ui';
import type { PittariQuery } from '../services/services-catalogue/pittari.ts';
import { type PageUser, portalPage } from './portal-page.ts';
import { categoryEn, lifeEventEn, servicesMessages, vocabName } from './services-messages.ts';

type Lang = 'ja' | 'en';

export interface ServicesQuery extends PittariQuery {
  q?: string;
  municipality?: string;
  category?: string;
  lifeEvent?: string;
}

export type Verdict = 'eligible' | 'not_eligible' | 'unknown';

export interface ServiceResult {
  definition: ServiceDefinition;
  municipalityName: string;
  verdict: Verdict;
}

/** `?a=1&lang=en` from the non-empty values (lang only when English). */
export function queryString(params: Record<string, string | undefined>, lang: Lang): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
  if (lang === 'en') p.set('lang', 'en');
  const s = p.toString();
  return s ? `?${s}` : '';
}

function option(value: string, label: string, selected: string | undefined): SafeHtml {
  return html`<option value="${value}"${value === (selected ?? '') ? html` selected` : ''}>${label}</option>`;
}

export function errorSummary(lang: Lang, errors: FieldError[]): SafeHtml | string {
  if (errors.length === 0) return '';
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
  <h2 id="error-summary-title">${servicesMessages[lang].errorSummary}</h2>
  <ul>${errors.map((e) => html`<li><a href="#${e.path.slice(1)}">${e.message[lang]}</a></li>`)}</ul>
</div>`;
}

function yesNoField(lang: Lang, name: 'singleParent' | 'working' | 'pregnant', value: string | undefined) {
  const m = servicesMessages[lang];
  const choice = (v: string, label: string, id: string) =>
    html`<div class="choice"><input type="radio" id="${id}" name="${name}" value="${v}"${(value ?? '') === v ? html` checked` : ''}><label for="${id}">${label}</label></div>`;
  // The first radio carries the field's id, so the error summary's link lands on the group.
  return html`<fieldset class="form-field">
    <legend>${m[name]}</legend>
    ${choice('yes', m.yes, name)}${choice('no', m.no, `${name}-no`)}${choice('', m.noAnswer, `${name}-none`)}
  </fieldset>`;
}

/** The ぴったり questions; on the search page and again on a service page to check other answers. */
export function pittariFieldset(lang: Lang, q: PittariQuery, errors: FieldError[]): SafeHtml {
  const m = servicesMessages[lang];
  const agesError = errors.find((e) => e.path === '/ages');
  const describedBy = agesError ? 'ages-hint ages-error' : 'ages-hint';
  return html`<fieldset class="card">
  <legend>${m.pittariHeading}</legend>
  <p class="hint">${m.pittariLead}</p>
  <div class="form-field${agesError ? ' form-field--error' : ''}">
    <label for="ages">${m.ages}</label>
    <p class="hint" id="ages-hint">${m.agesHint}</p>
    ${agesError ? html`<p class="field-error" id="ages-error">${agesError.message[lang]}</p>` : ''}
    <input type="text" id="ages" name="ages" maxlength="60" inputmode="numeric" value="${q.ages ?? ''}" aria-describedby="${describedBy}"${agesError ? html` aria-invalid="true"` : ''}>
  </div>
  ${yesNoField(lang, 'singleParent', q.singleParent)}
  ${yesNoField(lang, 'working', q.working)}
  ${yesNoField(lang, 'pregnant', q.pregnant)}
</fieldset>`;
}

function searchForm(
  lang: Lang,
  q: ServicesQuery,
  municipalities: { code: string; name: string }[],
  errors: FieldError[],
): SafeHtml {
  const m = servicesMessages[lang];
  return html`<form method="get" action="/services" role="search" aria-labelledby="search-heading" novalidate>
  <h2 id="search-heading">${m.searchHeading}</h2>
  ${lang === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}
  <div class="card">
    <div class="form-field">
      <label for="q">${m.q}</label>
      <p class="hint" id="q-hint">${m.qHint}</p>
      <input type="text" id="q" name="q" maxlength="200" value="${q.q ?? ''}" aria-describedby="q-hint">
    </div>
    <div class="form-field">
      <label for="municipality">${m.municipality}</label>
      <select id="municipality" name="municipality">${option('', m.chooseMunicipality, q.municipality)}${municipalities.map((x) => option(x.code, x.name, q.municipality))}</select>
    </div>
    <div class="form-field">
      <label for="category">${m.category}</label>
      <select id="category" name="category">${option('', m.all, q.category)}${categories.map((c) => option(c, vocabName(categoryEn, c, lang), q.category))}</select>
    </div>
    <div class="form-field">
      <label for="lifeEvent">${m.lifeEvent}</label>
      <select id="lifeEvent" name="lifeEvent">${option('', m.all, q.lifeEvent)}${lifeEvents.map((e) => option(e, vocabName(lifeEventEn, e, lang), q.lifeEvent))}</select>
    </div>
  </div>
  ${pittariFieldset(lang, q, errors)}
  <button type="submit" class="button">${m.search}</button>
  <a href="/services${queryString({}, lang)}">${m.clear}</a>
</form>`;
}

export function verdictText(lang: Lang, verdict: Verdict): string {
  const m = servicesMessages[lang];
  return verdict === 'eligible' ? m.eligible : verdict === 'not_eligible' ? m.notEligible : '';
}

function resultItem(lang: Lang, r: ServiceResult, answers: Record<string, string>): SafeHtml {
  const d = r.definition;
  const href = `/services/${d.municipality}/${d.id}${queryString(answers, lang)}`;
  const verdict = verdictText(lang, r.verdict);
  return html`<li class="card" data-testid="service-result" data-service="${d.municipality}/${d.id}" data-verdict="${r.verdict}">
  <h3><a href="${href}">${lang === 'en' ? d.titleEn : d.title}</a></h3>
  <p>${r.municipalityName} ・ ${vocabName(categoryEn, d.category, lang)}</p>
  <p>${d.description[lang]}</p>
  ${verdict ? html`<p><span class="status${r.verdict === 'eligible' ? ' status--ready' : ''}">${verdict}</span></p>` : ''}
</li>`;
}

export interface ServicesPageInput {
  query: ServicesQuery;
  /** The ぴったり answers to carry into result links. */
  answers: Record<string, string>;
  municipalities: { code: string; name: string }[];
  /** Undefined when the catalogue is not ready yet (準備中) or the answers had errors. */
  results: { items: ServiceResult[]; total: number; capped: boolean } | undefined;
  preparing: boolean;
  errors: FieldError[];
  user?: PageUser;
}

/** /services: the search form with the ぴったり questions (a GET form: works without JavaScript) and results. */
export function renderServicesPage(lang: Lang, input: ServicesPageInput): string {
  const m = servicesMessages[lang];
  const r = input.results;
  const results = input.preparing
    ? html`<div class="notice" role="status" data-testid="preparing"><h2>${m.preparingTitle}</h2><p>${m.preparing}</p></div>`
    : r === undefined
      ? ''
      : html`<section aria-labelledby="results-heading">
  <h2 id="results-heading">${m.resultsHeading}</h2>
  <p role="status" data-testid="result-count">${r.capped ? m.totalCapped(r.total) : m.results(r.total, r.items.length)}</p>
  ${r.items.length === 0 ? html`<p data-testid="no-results">${m.none}</p>` : html`<ol class="menu" data-testid="results">${r.items.map((i) => resultItem(lang, i, input.answers))}</ol>`}
</section>`;
  const main = html`<h1>${m.title}</h1>
${errorSummary(lang, input.errors)}
<p class="lead">${m.lead}</p>
${searchForm(lang, input.query, input.municipalities, input.errors)}
${results}`;
  const title = input.errors.length > 0 ? `${m.errorSummary}: ${m.title}` : m.title;
  return portalPage(lang, title, '/services', main, input.user);
}
