import { type NoticeKind, noticeKindNames, noticeKinds } from '@madoguchi/reference';
import { html, type SafeHtml } from '@madoguchi/ui';
import type { InboxPage, NoticeDetail } from '../services/notices/inbox.ts';
import { agencyName } from './exchange-names.ts';
import { formatInstant } from './history-page.ts';
import { filterQuery } from './mydata-page.ts';
import { noticeMessages } from './notice-messages.ts';
import { type PageUser, portalPage } from './portal-page.ts';

type Lang = 'ja' | 'en';

export interface InboxQuery {
  kind?: string;
  agency?: string;
  from?: string;
  to?: string;
  unread?: string;
  archived?: string;
}

const kindName = (k: string, lang: Lang) => noticeKindNames[k as NoticeKind]?.[lang] ?? k;

function option(value: string, label: string, selected: string | undefined): SafeHtml {
  return html`<option value="${value}"${value === (selected ?? '') ? html` selected` : ''}>${label}</option>`;
}

function filterForm(lang: Lang, agencies: string[], f: InboxQuery): SafeHtml {
  const m = noticeMessages[lang];
  return html`<form method="get" action="/notices" class="card" role="search" aria-labelledby="filter-heading">
  <h2 id="filter-heading">${m.searchHeading}</h2>
  ${lang === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}
  ${f.archived === '1' ? html`<input type="hidden" name="archived" value="1">` : ''}
  <div class="form-field">
    <label for="kind">${m.kind}</label>
    <select id="kind" name="kind">${option('', m.all, f.kind)}${noticeKinds.map((k) => option(k, kindName(k, lang), f.kind))}</select>
  </div>
  <div class="form-field">
    <label for="agency">${m.sender}</label>
    <select id="agency" name="agency">${option('', m.all, f.agency)}${agencies.map((c) => option(c, agencyName(c, lang), f.agency))}</select>
  </div>
  <div class="form-field">
    <label for="from">${m.from}</label>
    <p class="hint" id="from-hint">${m.dateHint}</p>
    <input type="date" id="from" name="from" value="${f.from ?? ''}" aria-describedby="from-hint">
  </div>
  <div class="form-field">
    <label for="to">${m.to}</label>
    <p class="hint" id="to-hint">${m.dateHint}</p>
    <input type="date" id="to" name="to" value="${f.to ?? ''}" aria-describedby="to-hint">
  </div>
  <div class="form-field">
    <input type="checkbox" id="unread" name="unread" value="1"${f.unread === '1' ? html` checked` : ''}>
    <label for="unread">${m.unreadOnly}</label>
  </div>
  <button type="submit" class="button">${m.apply}</button>
  <a href="/notices${filterQuery({ archived: f.archived }, lang)}">${m.clear}</a>
</form>`;
}

/** お知らせ: filters, the notices newest first, paging, the archived view and the settings link. */
export function renderInboxPage(
  lang: Lang,
  input: { page: InboxPage; query: InboxQuery; user: PageUser },
): string {
  const m = noticeMessages[lang];
  const { page, query } = input;
  const archived = query.archived === '1';
  const title = archived ? m.archivedTitle : m.title;
  const items = page.items.map((n) => {
    const href = `/notices/${n.id}${lang === 'en' ? '?lang=en' : ''}`;
    const state = n.readAt ? m.read : m.unread;
    return html`<li class="card" data-testid="notice-item" data-notice-id="${n.id}" data-read="${n.readAt ? 'true' : 'false'}">
  <h3><a href="${href}">${n.readAt ? n.title : html`<strong>${n.title}</strong>`}</a></h3>
  <p><span class="status${n.readAt ? '' : ' status--new'}">${state}</span> ${kindName(n.kind, lang)} ・ ${agencyName(n.agencyCode, lang)}</p>
  <p>${m.sentAt}: ${formatInstant(n.sentAt.toISOString(), lang)}</p>
</li>`;
  });
  const main = html`<h1>${title}</h1>
<p class="lead">${m.lead}</p>
<p><a href="/account/notifications${lang === 'en' ? '?lang=en' : ''}">${m.settingsLink}</a></p>
${filterForm(lang, page.agencies, query)}
<section aria-labelledby="list-heading">
  <h2 id="list-heading">${m.listHeading}</h2>
  ${items.length === 0 ? html`<p data-testid="no-notices">${m.none}</p>` : html`<ol class="menu" data-testid="notices">${items}</ol>`}
  ${page.next !== null ? html`<p><a href="/notices${filterQuery({ ...query, before: page.next }, lang)}" data-testid="more">${m.more}</a></p>` : ''}
</section>
<p>${archived ? html`<a href="/notices${filterQuery({}, lang)}">${m.showInbox}</a>` : html`<a href="/notices${filterQuery({ archived: '1' }, lang)}" data-testid="archived-link">${m.showArchived}</a>`}</p>`;
  return portalPage(lang, title, '/notices', main, input.user);
}

const URL_PATTERN = /(https:\/\/[^\s<>"'）」、。]+|http:\/\/localhost(?::[0-9]+)?(?:\/[^\s<>"'）」、。]*)?)/g;

/** Plain text with https:// (and http://localhost) URLs as links; nothing else is markup. */
export function bodyWithLinks(text: string): SafeHtml {
  const paragraphs = text.split(/\r?\n\r?\n/);
  return html`${paragraphs.map((p) => {
    const lines = p.split(/\r?\n/).map((line, i) => {
      const parts: (SafeHtml | string)[] = [];
      let last = 0;
      for (const match of line.matchAll(URL_PATTERN)) {
        const at = match.index ?? 0;
        parts.push(line.slice(last, at));
        parts.push(html`<a href="${match[0]}" rel="noopener noreferrer">${match[0]}</a>`);
        last = at + match[0].length;
      }
      parts.push(line.slice(last));
      return html`${i > 0 ? html`<br>` : ''}${parts}`;
    });
    return html`<p>${lines}</p>`;
  })}`;
}

export function renderNoticePage(
  lang: Lang,
  input: { notice: NoticeDetail; user: PageUser; flash?: 'archived' | 'unarchived' },
): string {
  const m = noticeMessages[lang];
  const n = input.notice;
  const q = lang === 'en' ? '?lang=en' : '';
  const flash =
    input.flash === 'archived'
      ? m.archivedNotice
      : input.flash === 'unarchived'
        ? m.unarchivedNotice
        : undefined;
  const main = html`<h1 data-testid="notice-title">${n.title}</h1>
${flash ? html`<div class="notice" role="status"><p>${flash}</p></div>` : ''}
${n.expired ? html`<div class="notice" data-testid="expired"><p>${m.expired}</p></div>` : ''}
<dl>
  <dt>${m.kind}</dt><dd>${kindName(n.kind, lang)}</dd>
  <dt>${m.sender}</dt><dd>${agencyName(n.agencyCode, lang)}</dd>
  <dt>${m.sentAt}</dt><dd>${formatInstant(n.sentAt.toISOString(), lang)}</dd>
  ${n.expiresAt ? html`<dt>${m.expiresAt}</dt><dd>${formatInstant(n.expiresAt.toISOString(), lang)}</dd>` : ''}
</dl>
<div class="notice-body" data-testid="notice-body">${bodyWithLinks(n.body)}</div>
${
  n.attachments.length > 0
    ? html`<section aria-labelledby="attachments-heading"><h2 id="attachments-heading">${m.attachments}</h2><ul>${n.attachments.map(
        (a) =>
          html`<li><a href="/notices/${n.id}/attachments/${String(a.position)}" download>${a.filename}</a> (PDF, ${m.bytes(a.size)})</li>`,
      )}</ul></section>`
    : ''
}
${
  n.actions.length > 0
    ? html`<section aria-labelledby="actions-heading"><h2 id="actions-heading">${m.actions}</h2><ul>${n.actions.map(
        (a) =>
          html`<li><a class="button" href="${a.url}" rel="noopener noreferrer" data-action="${a.type}">${a.label}</a></li>`,
      )}</ul></section>`
    : ''
}
<form method="post" action="/notices/${n.id}/${n.archived ? 'unarchive' : 'archive'}${q}">
  <input type="hidden" name="_csrf" value="${input.user.csrfToken}">
  <button type="submit" class="button button--secondary" data-testid="archive-button">${n.archived ? m.unarchive : m.archive}</button>
</form>
<p><a href="/notices${q}">${m.back}</a></p>`;
  return portalPage(lang, n.title, `/notices/${n.id}`, main, input.user);
}
