import { noticeKindNames, noticeKinds } from '@madoguchi/reference';
import { html } from '@madoguchi/ui';
import type { EDeliveryView } from '../services/e-delivery/link.ts';
import { eDeliveryMessages } from './e-delivery-messages.ts';
import { formatInstant } from './history-page.ts';
import { type PageUser, portalPage } from './portal-page.ts';

type Lang = 'ja' | 'en';
export type EDeliveryNotice = keyof (typeof eDeliveryMessages)['ja']['notices'];

/** /account/e-delivery: link or unlink, which kinds go there, and the latest deliveries' status. */
export function renderEDeliveryPage(
  lang: Lang,
  input: { view: EDeliveryView; user: PageUser; notice?: EDeliveryNotice; error?: string },
): string {
  const m = eDeliveryMessages[lang];
  const q = lang === 'en' ? '?lang=en' : '';
  const { link, deliveries } = input.view;
  const csrf = html`<input type="hidden" name="_csrf" value="${input.user.csrfToken}">`;
  const linkSection = link
    ? html`<p data-testid="e-delivery-linked">${m.linkedTo(link.mailboxId)}</p>
<p>${m.linkedAt}: ${formatInstant(link.linkedAt.toISOString(), lang)}</p>
<form method="post" action="/account/e-delivery/kinds${q}">
  ${csrf}
  <fieldset>
    <legend>${m.kindsHeading}</legend>
    <p class="hint">${m.kindsHint}</p>
    ${noticeKinds.map(
      (
        k,
      ) => html`<div class="checkbox"><input type="checkbox" id="kind-${k}" name="kinds" value="${k}"${link.kinds.includes(k) ? html` checked` : ''}>
      <label for="kind-${k}">${noticeKindNames[k][lang]}</label></div>`,
    )}
  </fieldset>
  <button type="submit" class="button">${m.saveKinds}</button>
</form>
<form method="post" action="/account/e-delivery/unlink${q}">
  ${csrf}
  <p class="hint">${m.unlinkHint}</p>
  <button type="submit" class="button button--secondary">${m.unlinkButton}</button>
</form>`
    : html`<p data-testid="e-delivery-not-linked">${m.notLinked}</p>
<form method="post" action="/account/e-delivery/link${q}">
  ${csrf}
  <p class="hint">${m.linkHint}</p>
  <button type="submit" class="button">${m.linkButton}</button>
</form>`;
  const table =
    deliveries.length === 0
      ? html`<p>${m.noDeliveries}</p>`
      : html`<table class="table" data-testid="e-delivery-deliveries">
  <thead><tr><th scope="col">${m.colNotice}</th><th scope="col">${m.colStatus}</th><th scope="col">${m.colAttempts}</th><th scope="col">${m.colError}</th><th scope="col">${m.colDate}</th></tr></thead>
  <tbody>${deliveries.map(
    (d) => html`<tr data-status="${d.status}">
    <td><a href="/notices/${String(d.notice_id)}${q}">${d.title ?? '—'}</a></td>
    <td>${m.status[d.status]}</td>
    <td>${d.attempts}</td>
    <td>${d.last_error ?? '—'}</td>
    <td>${formatInstant((d.delivered_at ?? d.created_at).toISOString(), lang)}</td>
  </tr>`,
  )}</tbody>
</table>`;
  const main = html`<h1>${m.title}</h1>
${input.error ? html`<div class="error-summary" role="alert"><p data-testid="e-delivery-error">${input.error}</p></div>` : ''}
${input.notice ? html`<div class="notice" role="status"><p data-testid="e-delivery-notice">${m.notices[input.notice]}</p></div>` : ''}
<p>${m.lead}</p>
<section aria-labelledby="link-heading"><h2 id="link-heading">${m.title}</h2>${linkSection}</section>
<section aria-labelledby="deliveries-heading"><h2 id="deliveries-heading">${m.deliveriesHeading}</h2>${table}</section>
<p><a href="/deductions${q}">${m.deductionsTitle}</a></p>`;
  return portalPage(lang, m.title, '/account/e-delivery', main, input.user);
}
