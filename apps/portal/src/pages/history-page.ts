import { messageOf } from '@madoguchi/errors';
import type { LogEntry } from '@madoguchi/exchange';
import { demoExchangeAgencies } from '@madoguchi/reference';
import { html, type SafeHtml } from '@madoguchi/ui';
import type { History, HistoryItem, Verification } from '../services/history.ts';
import type { HistoryFilters } from '../services/hub-client.ts';
import { exchangeMessages } from './exchange-messages.ts';
import { agencyName, infoTypeName, knownTasks, taskName } from './exchange-names.ts';
import { filterQuery } from './mydata-page.ts';
import { type PageUser, portalPage } from './portal-page.ts';

type Lang = 'ja' | 'en';

const dateTime = {
  ja: new Intl.DateTimeFormat('ja-JP', { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Asia/Tokyo' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Asia/Tokyo' }),
};

export function formatInstant(iso: string, lang: Lang): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${dateTime[lang].format(d)}${lang === 'en' ? ' JST' : ''}`;
}

function nameOf(code: string, given: string | null, lang: Lang): string {
  return lang === 'ja' && given ? given : agencyName(code, lang);
}

function option(value: string, label: string, selected: string | undefined): SafeHtml {
  return html`<option value="${value}"${value === (selected ?? '') ? html` selected` : ''}>${label}</option>`;
}

function filterForm(lang: Lang, history: History, f: HistoryFilters): SafeHtml {
  const m = exchangeMessages[lang];
  const agencies = new Set<string>(demoExchangeAgencies);
  for (const i of history.items) agencies.add(i.entry.querier).add(i.entry.provider);
  if (f.agency) agencies.add(f.agency);
  const tasks = new Set(knownTasks());
  if (f.task) tasks.add(f.task);
  return html`<form method="get" action="/history" class="card" role="search" aria-labelledby="filter-heading">
  <h2 id="filter-heading">${m.searchHeading}</h2>
  ${lang === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}
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
    <label for="agency">${m.agency}</label>
    <select id="agency" name="agency">${option('', m.all, f.agency)}${[...agencies].map((c) => option(c, agencyName(c, lang), f.agency))}</select>
  </div>
  <div class="form-field">
    <label for="task">${m.task}</label>
    <select id="task" name="task">${option('', m.all, f.task)}${[...tasks].map((c) => option(c, taskName(c, lang), f.task))}</select>
  </div>
  <button type="submit" class="button">${m.apply}</button>
  <a href="/history${lang === 'en' ? '?lang=en' : ''}">${m.clear}</a>
</form>`;
}

function outcomeText(e: LogEntry, lang: Lang): string {
  const m = exchangeMessages[lang];
  const base = m.outcomes[e.outcome] ?? e.outcome;
  return e.reason ? `${base}（${m.reasons[e.reason] ?? e.reason}）` : base;
}

function entryCard(lang: Lang, item: HistoryItem, csrfToken: string): SafeHtml {
  const m = exchangeMessages[lang];
  const e = item.entry;
  const when = formatInstant(e.at, lang);
  const querier = nameOf(e.querier, item.querierName, lang);
  const provider = nameOf(e.provider, item.providerName, lang);
  return html`<li class="card" data-testid="history-entry" data-entry-id="${e.id}" data-task="${e.task}">
  <h3>${when}</h3>
  <dl>
    <dt>${m.querier}</dt><dd>${querier}</dd>
    <dt>${m.provider}</dt><dd>${provider}</dd>
    <dt>${m.task}</dt><dd>${taskName(e.task, lang)}</dd>
    <dt>${m.infoTypes}</dt><dd>${e.infoTypes.map((t) => infoTypeName(t, lang)).join('、') || '—'}</dd>
    <dt>${m.outcome}</dt><dd>${outcomeText(e, lang)}</dd>
    <dt>${m.logIndex}</dt><dd>${item.index === null ? html`<span class="status status--soon" data-testid="pending">${m.pending}</span>` : String(item.index)}</dd>
  </dl>
  <form method="post" action="/history/verify${lang === 'en' ? '?lang=en' : ''}" data-verify data-checking="${m.verifyChecking}" data-failed="${m.verifyUnreachable}">
    <input type="hidden" name="_csrf" value="${csrfToken}">
    <input type="hidden" name="entryId" value="${e.id}">
    <button type="submit" class="button button--secondary" aria-label="${m.verifyLabel(when)}">${m.verify}</button>
    <p class="status-message" role="status" data-verify-result></p>
  </form>
</li>`;
}

/** やりとり履歴: filters, the entries newest first with 検証, and the verifiable download. */
export function renderHistoryPage(
  lang: Lang,
  input: { history: History; filters: HistoryFilters; user: PageUser },
): string {
  const m = exchangeMessages[lang];
  const { history, filters } = input;
  const { before: _before, ...kept } = filters;
  const q = filterQuery({ ...kept }, lang);
  const main = html`<h1>${m.historyTitle}</h1>
<p class="lead">${m.historyLead}</p>
${filterForm(lang, history, filters)}
<section aria-labelledby="entries-heading">
  <h2 id="entries-heading">${m.entriesHeading}</h2>
  ${
    history.items.length === 0
      ? html`<p data-testid="no-entries">${m.noEntries}</p>`
      : html`<ol class="menu" data-testid="history">${history.items.map((i) => entryCard(lang, i, input.user.csrfToken))}</ol>`
  }
  ${history.next !== null ? html`<p><a href="/history${filterQuery({ ...kept, before: history.next }, lang)}">${m.more}</a></p>` : ''}
</section>
<section aria-labelledby="bundle-heading">
  <h2 id="bundle-heading">${m.bundleHeading}</h2>
  <p>${m.bundleLead}</p>
  <p><a href="/history/bundle.json${q}" download>${m.bundleLink}</a></p>
  <p>${m.bundleHow}</p>
  <pre><code>${m.bundleCommand}</code></pre>
</section>
<script src="/assets/history.js" defer></script>`;
  return portalPage(lang, m.historyTitle, '/history', main, input.user);
}

/** The outcome of 検証 in one sentence, for the list's in-place result (assets/history.js). */
export function verificationMessage(lang: Lang, r: Verification): string {
  const m = exchangeMessages[lang];
  if (r.ok) return m.verifiedShort(r.index, r.treeSize);
  if (r.problem === 'pending') return m.pendingNotice;
  return `${messageOf('log.verification_failed', lang)} ${m.verifyProblems[r.problem] ?? ''}`.trim();
}

/** The outcome of 検証 for one entry. */
export function renderVerifyPage(lang: Lang, input: { result: Verification; user: PageUser }): string {
  const m = exchangeMessages[lang];
  const r = input.result;
  const back = html`<p><a href="/history${lang === 'en' ? '?lang=en' : ''}">${m.backToHistory}</a></p>`;
  let body: SafeHtml;
  if (r.ok) {
    body = html`<div class="notice" role="status">
  <p data-testid="verify-result" data-verified="true"><strong>${m.verified}</strong></p>
  <p>${m.verifiedLead}</p>
</div>
<dl>
  <dt>${m.at}</dt><dd>${formatInstant(r.entry.at, lang)}</dd>
  <dt>${m.querier}</dt><dd>${agencyName(r.entry.querier, lang)}</dd>
  <dt>${m.provider}</dt><dd>${agencyName(r.entry.provider, lang)}</dd>
  <dt>${m.task}</dt><dd>${taskName(r.entry.task, lang)}</dd>
  <dt>${m.logIndex}</dt><dd data-testid="verify-index">${String(r.index)}</dd>
  <dt>${m.treeSize}</dt><dd data-testid="verify-tree-size">${String(r.treeSize)}</dd>
  <dt>${m.rootHash}</dt><dd><code>${r.rootHash}</code></dd>
</dl>
<details><summary>${m.checkpoint}</summary><pre><code>${r.checkpoint}</code></pre></details>`;
  } else if (r.problem === 'pending') {
    body = html`<div class="notice" role="status"><p data-testid="verify-result" data-verified="pending">${m.pendingNotice}</p></div>`;
  } else {
    body = html`<div class="error-summary" role="alert">
  <h2>${m.verifyFailed}</h2>
  <p data-testid="verify-result" data-verified="false" data-problem="${r.problem}">${messageOf('log.verification_failed', lang)}</p>
  <p>${m.verifyProblems[r.problem] ?? r.problem}</p>
</div>`;
  }
  const main = html`<h1>${m.verifyTitle}</h1>
${body}
${back}`;
  return portalPage(lang, m.verifyTitle, '/history', main, input.user);
}
