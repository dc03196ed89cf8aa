import type { FieldError } from '@madoguchi/errors';
import { html, type SafeHtml } from '@madoguchi/ui';
import { messages } from '../messages.ts';
import { type InquiryInput, inquiryCategories } from '../services/inquiry.ts';
import { portalPage } from './portal-page.ts';

type Lang = 'ja' | 'en';

function errorFor(errors: FieldError[], field: string): FieldError | undefined {
  return errors.find((e) => e.path === `/${field}`);
}

function field(
  lang: Lang,
  name: string,
  label: string,
  errors: FieldError[],
  control: (describedBy: string, invalid: boolean) => SafeHtml,
  hint?: string,
): SafeHtml {
  const t = messages[lang];
  const err = errorFor(errors, name);
  const ids = [hint ? `${name}-hint` : '', err ? `${name}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="form-field${err ? ' form-field--error' : ''}">
  <label for="${name}">${label}<span class="required">${t.requiredMark}</span></label>
  ${hint ? html`<p class="hint" id="${name}-hint">${hint}</p>` : ''}
  ${err ? html`<p class="field-error" id="${name}-error">${err.message[lang]}</p>` : ''}
  ${control(ids, Boolean(err))}
</div>`;
}

/** The inquiry form; on errors it re-renders with a summary that links to each field (WCAG 3.3.1). */
export function renderInquiryPage(lang: Lang, values: InquiryInput = {}, errors: FieldError[] = []): string {
  const t = messages[lang];
  const describedBy = (ids: string) => (ids ? html` aria-describedby="${ids}"` : '');
  const invalidAttr = (invalid: boolean) => (invalid ? html` aria-invalid="true"` : '');
  const summary =
    errors.length > 0
      ? html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
  <h2 id="error-summary-title">${t.errorSummary}</h2>
  <ul>${errors.map((e) => html`<li><a href="#${e.path.slice(1)}">${e.message[lang]}</a></li>`)}</ul>
</div>`
      : '';
  const main = html`<h1>${t.inquiryTitle}</h1>
${summary}
<p>${t.inquiryLead}</p>
<form method="post" action="/inquiry${lang === 'en' ? '?lang=en' : ''}" novalidate>
  <input type="hidden" name="lang" value="${lang}">
  ${field(lang, 'name', t.fieldName, errors, (ids, inv) => html`<input type="text" id="name" name="name" autocomplete="name" maxlength="100" required value="${values.name ?? ''}"${describedBy(ids)}${invalidAttr(inv)}>`)}
  ${field(
    lang,
    'email',
    t.fieldEmail,
    errors,
    (ids, inv) =>
      html`<input type="email" id="email" name="email" autocomplete="email" maxlength="254" required value="${values.email ?? ''}"${describedBy(ids)}${invalidAttr(inv)}>`,
    t.fieldEmailHint,
  )}
  ${field(
    lang,
    'category',
    t.fieldCategory,
    errors,
    (ids, inv) => html`<select id="category" name="category" required${describedBy(ids)}${invalidAttr(inv)}>
      <option value="">${t.choose}</option>
      ${inquiryCategories.map((c) => html`<option value="${c}"${values.category === c ? html` selected` : ''}>${t.categories[c]}</option>`)}
    </select>`,
  )}
  ${field(
    lang,
    'message',
    t.fieldMessage,
    errors,
    (ids, inv) =>
      html`<textarea id="message" name="message" maxlength="4000" required${describedBy(ids)}${invalidAttr(inv)}>${values.message ?? ''}</textarea>`,
    t.fieldMessageHint,
  )}
  <button type="submit" class="button">${t.submit}</button>
</form>`;
  return portalPage(
    lang,
    errors.length > 0 ? `${t.errorTitle}: ${t.inquiryTitle}` : t.inquiryTitle,
    '/inquiry',
    main,
  );
}

export function renderInquiryDonePage(lang: Lang, reference: string): string {
  const t = messages[lang];
  const main = html`<h1>${t.doneTitle}</h1>
<div class="notice"><p>${t.doneText}</p><p>${t.reference}: <strong data-testid="reference">${reference}</strong></p></div>
<p><a href="/${lang === 'en' ? '?lang=en' : ''}">${t.backToTop}</a></p>`;
  return portalPage(lang, t.doneTitle, '/inquiry/done', main);
}
