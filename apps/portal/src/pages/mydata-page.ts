import type { InfoField } from '@madoguchi/exchange';
import { formatDate, html, type SafeHtml } from '@madoguchi/ui';
import type { MyData } from '../services/mydata.ts';
import { categoryViews, type MyDataFilters, shownRecords } from '../services/mydata-view.ts';
import { exchangeMessages } from './exchange-messages.ts';
import { agencyName, infoTypeName } from './exchange-names.ts';
import { type PageUser, portalPage } from './portal-page.ts';

type Lang = 'ja' | 'en';

/** Query string of the current filters (and language), for links that keep them. */
export function filterQuery(filters: Record<string, string | number | undefined>, lang: Lang): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '') p.set(k, String(v));
  if (lang === 'en') p.set('lang', 'en');
  const s = p.toString();
  return s ? `?${s}` : '';
}

const yen = { ja: new Intl.NumberFormat('ja-JP'), en: new Intl.NumberFormat('en-GB') };

/** Amounts (a label in 円) get digit grouping on the page; downloads keep the plain number. */
function valueText(v: InfoField['value'], label: string, lang: Lang): string {
  const m = exchangeMessages[lang];
  if (v === null) return '—';
  if (typeof v === 'boolean') return v ? m.yes : m.no;
  if (typeof v === 'number' && label.includes('円')) return yen[lang].format(v);
  return String(v);
}

function dateOrText(asOf: string, lang: Lang): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? formatDate(asOf, lang) : asOf;
}

function option(value: string, label: string, selected: string | undefined): SafeHtml {
  return html`<option value="${value}"${value === (selected ?? '') ? html` selected` : ''}>${label}</option>`;
}

function filterForm(lang: Lang, data: MyData, f: MyDataFilters): SafeHtml {
  const m = exchangeMessages[lang];
  const categories = [...new Set(data.providers.flatMap((p) => p.infoTypes))].sort();
  return html`<form method="get" action="/mydata" class="card" role="search" aria-labelledby="filter-heading">
  <h2 id="filter-heading">${m.searchHeading}</h2>
  ${lang === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}
  <div class="form-field">
    <label for="q">${m.keyword}</label>
    <p class="hint" id="q-hint">${m.keywordHint}</p>
    <input type="text" id="q" name="q" maxlength="100" value="${f.q ?? ''}" aria-describedby="q-hint">
  </div>
  <div class="form-field">
    <label for="category">${m.category}</label>
    <select id="category" name="category">${option('', m.all, f.category)}${categories.map((c) => option(c, infoTypeName(c, lang), f.category))}</select>
  </div>
  <div class="form-field">
    <label for="agency">${m.agency}</label>
    <select id="agency" name="agency">${option('', m.all, f.agency)}${data.providers.map((p) => option(p.code, lang === 'ja' ? p.name : agencyName(p.code, lang), f.agency))}</select>
  </div>
  <button type="submit" class="button">${m.apply}</button>
  <a href="/mydata${lang === 'en' ? '?lang=en' : ''}">${m.clear}</a>
</form>`;
}

function statusList(lang: Lang, data: MyData): SafeHtml {
  const m = exchangeMessages[lang];
  return html`<section aria-labelledby="status-heading">
  <h2 id="status-heading">${m.statusHeading}</h2>
  ${
    data.providers.length === 0
      ? html`<p>${m.noAgencies}</p>`
      : html`<ul data-testid="agency-status">${data.providers.map(
          (p) =>
            html`<li data-agency="${p.code}" data-status="${p.status}">${lang === 'ja' ? p.name : agencyName(p.code, lang)}：<span class="status${p.status === 'ok' ? ' status--ready' : ' status--soon'}">${m.status[p.status]}</span>${p.status === 'ok' ? html` ${m.recordCount(p.records.length)}` : ''}</li>`,
        )}</ul>`
  }
</section>`;
}

function categorySections(lang: Lang, data: MyData, f: MyDataFilters): SafeHtml[] {
  const m = exchangeMessages[lang];
  return categoryViews(data, f, lang).map(
    (c) => html`<section aria-labelledby="cat-${c.code}" data-category="${c.code}">
  <h2 id="cat-${c.code}">${c.name}</h2>
  <ul>${c.agencies.map(
    (a) =>
      html`<li data-agency="${a.code}" data-status="${a.status}">${a.name}：${m.status[a.status]}${a.status === 'ok' ? html` ${m.recordCount(a.count)}` : ''}</li>`,
  )}</ul>
  ${c.records.map(
    (r) => html`<article class="card" data-testid="record" data-agency="${r.agency}">
    <h3>${r.title}</h3>
    <p>${m.providedBy}：${r.agencyName} ／ ${m.asOf(dateOrText(r.asOf, lang))}</p>
    <dl class="fields">${r.fields.map((fld) => html`<dt>${fld.label}</dt><dd>${valueText(fld.value, fld.label, lang)}</dd>`)}</dl>
  </article>`,
  )}
</section>`,
  );
}

/** わたしの情報: filters, each agency's status, the records by category, and the downloads. */
export function renderMyDataPage(
  lang: Lang,
  input: { data: MyData; filters: MyDataFilters; user: PageUser },
): string {
  const m = exchangeMessages[lang];
  const { data, filters } = input;
  const shown = shownRecords(data, filters, lang).length;
  const down = data.providers.filter((p) => p.status === 'unavailable');
  const q = filterQuery({ q: filters.q, category: filters.category, agency: filters.agency }, lang);
  const main = html`<h1>${m.mydataTitle}</h1>
<p class="lead">${m.mydataLead}</p>
${
  down.length > 0
    ? html`<div class="notice" role="status" data-testid="unavailable-notice"><p>${m.unavailableNotice(down.map((p) => (lang === 'ja' ? p.name : agencyName(p.code, lang))).join('、'))}</p></div>`
    : ''
}
${filterForm(lang, data, filters)}
${statusList(lang, data)}
<p role="status" data-testid="shown-count">${shown > 0 ? m.shownCount(shown) : m.noneShown}</p>
${categorySections(lang, data, filters)}
<section aria-labelledby="download-heading">
  <h2 id="download-heading">${m.downloadHeading}</h2>
  <p>${m.downloadLead}</p>
  <ul>
    <li><a href="/mydata/download.json${q}" download>${m.downloadJson}</a></li>
    <li><a href="/mydata/download.csv${q}" download>${m.downloadCsv}</a></li>
  </ul>
</section>`;
  return portalPage(lang, m.mydataTitle, '/mydata', main, input.user);
}

/** The page a person sees before the hub has linked their account: what to do about it. */
export function renderNotLinkedPage(
  lang: Lang,
  title: string,
  path: string,
  message: string,
  user: PageUser,
) {
  const m = exchangeMessages[lang];
  const main = html`<h1>${title}</h1>
<div class="notice" role="status" data-testid="not-linked"><h2>${m.notLinkedTitle}</h2><p>${message}</p></div>`;
  return portalPage(lang, title, path, main, user);
}
