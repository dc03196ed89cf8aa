import { html } from '@madoguchi/ui';
import type { DeductionSummary } from '../data/e-delivery-deductions.ts';
import { eDeliveryMessages } from './e-delivery-messages.ts';
import { type PageUser, portalPage } from './portal-page.ts';

type Lang = 'ja' | 'en';

/** /deductions: imported 控除証明書 with their verification result, import button, downloads. */
export function renderDeductionsPage(
  lang: Lang,
  input: {
    linked: boolean;
    certificates: DeductionSummary[];
    user: PageUser;
    imported?: { added: number; total: number };
    error?: string;
  },
): string {
  const m = eDeliveryMessages[lang];
  const q = lang === 'en' ? '?lang=en' : '';
  const list =
    input.certificates.length === 0
      ? html`<p data-testid="no-certificates">${m.noCertificates}</p>`
      : html`<table class="table" data-testid="deductions">
  <thead><tr><th scope="col">${m.colIssuer}</th><th scope="col">${m.colHoujin}</th><th scope="col">${m.colKind}</th><th scope="col">${m.colYear}</th><th scope="col">${m.colAmount}</th><th scope="col">${m.colVerified}</th><th scope="col">${m.colDownload}</th></tr></thead>
  <tbody>${input.certificates.map(
    (c) => html`<tr data-verified="${String(c.verified)}">
    <td>${c.issuer_name ?? '—'}</td>
    <td>${c.houjin_bangou ?? '—'}</td>
    <td>${c.kind ? (m.kinds[c.kind] ?? c.kind) : '—'}</td>
    <td>${c.year ?? '—'}</td>
    <td>${c.amount === null ? '—' : m.yen(c.amount)}</td>
    <td>${c.verified ? html`<strong>✓ ${m.verified}</strong>` : html`<strong>✗ ${m.notVerified(c.problem ?? '')}</strong>`}</td>
    <td><a href="/deductions/${c.id}.xml" download>${m.download}</a></td>
  </tr>`,
  )}</tbody>
</table>
<p><a class="button button--secondary" href="/deductions/bundle.zip" download>${m.bundleLink}</a></p>`;
  const main = html`<h1>${m.deductionsTitle}</h1>
${input.error ? html`<div class="error-summary" role="alert"><p data-testid="deductions-error">${input.error}</p></div>` : ''}
${input.imported ? html`<div class="notice" role="status"><p data-testid="deductions-imported">${m.imported(input.imported.added, input.imported.total)}</p></div>` : ''}
<p>${m.deductionsLead}</p>
${
  input.linked
    ? html`<form method="post" action="/deductions/import${q}">
  <input type="hidden" name="_csrf" value="${input.user.csrfToken}">
  <button type="submit" class="button">${m.importButton}</button>
</form>`
    : html`<p>${m.linkFirst} <a href="/account/e-delivery${q}">${m.title}</a></p>`
}
${list}`;
  return portalPage(lang, m.deductionsTitle, '/deductions', main, input.user);
}
