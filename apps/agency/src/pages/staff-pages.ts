import { formatDate, html, layout, type SafeHtml } from '@madoguchi/ui';
import type { PortalInquiry } from '../services/staff-reads.ts';

type Lang = 'ja' | 'en';

const t = {
  ja: {
    site: 'madoguchi 自治体職員用',
    login: '職員ログイン',
    staffId: '職員ID',
    token: '職員トークン',
    tokenHint:
      '起動時に表示され、データディレクトリの secrets.json に保存されています（AGENCY_STAFF_TOKEN）。',
    submit: 'ログイン',
    badLogin: '職員IDまたはトークンが正しくありません。',
    dashboard: '職員用トップ',
    counts: 'デモ住民数（市区町村別）',
    code: '団体コード',
    name: '団体名',
    residents: '住民数',
    inquiries: 'お問い合わせ一覧',
    reference: '受付番号',
    received: '受付日',
    from: 'お名前・メール',
    category: '種類',
    message: '内容',
    none: 'お問い合わせはまだありません。',
    logout: 'ログアウト',
    total: '件',
    records: '情報提供用データ',
  },
  en: {
    site: 'madoguchi for agency staff',
    login: 'Staff login',
    staffId: 'Staff ID',
    token: 'Staff token',
    tokenHint: 'Printed at start and kept in secrets.json in the data directory (AGENCY_STAFF_TOKEN).',
    submit: 'Log in',
    badLogin: 'The staff ID or token is not correct.',
    dashboard: 'Staff home',
    counts: 'Demo residents per municipality',
    code: 'Code',
    name: 'Name',
    residents: 'Residents',
    inquiries: 'Inquiries',
    reference: 'Reference',
    received: 'Received',
    from: 'Name and e-mail',
    category: 'Topic',
    message: 'Message',
    none: 'No inquiries yet.',
    logout: 'Log out',
    total: 'in total',
    records: 'Exchange records',
  },
} as const;

export function page(lang: Lang, title: string, path: string, main: SafeHtml, loggedIn: boolean): string {
  const q = lang === 'en' ? '?lang=en' : '';
  return layout({
    lang,
    title,
    siteName: t[lang].site,
    path,
    main,
    nav: loggedIn
      ? [
          { href: `/staff${q}`, label: t[lang].dashboard },
          { href: `/staff/inquiries${q}`, label: t[lang].inquiries },
          { href: `/staff/records${q}`, label: t[lang].records },
          { href: `/staff/notices${q}`, label: lang === 'ja' ? 'お知らせの送付' : 'Notices' },
        ]
      : [],
  }).value;
}

export function renderLoginPage(lang: Lang, failed: boolean, staffId = ''): string {
  const m = t[lang];
  const main = html`<h1>${m.login}</h1>
${failed ? html`<div class="error-summary" role="alert"><h2>${m.badLogin}</h2><ul><li><a href="#token">${m.token}</a></li></ul></div>` : ''}
<form method="post" action="/staff/login${lang === 'en' ? '?lang=en' : ''}">
  <div class="form-field"><label for="staffId">${m.staffId}</label><input type="text" id="staffId" name="staffId" autocomplete="username" required value="${staffId}"></div>
  <div class="form-field"><label for="token">${m.token}</label><p class="hint" id="token-hint">${m.tokenHint}</p>
    <input type="text" id="token" name="token" autocomplete="current-password" required aria-describedby="token-hint"></div>
  <button class="button" type="submit">${m.submit}</button>
</form>`;
  return page(lang, m.login, '/staff/login', main, false);
}

export function renderDashboard(
  lang: Lang,
  counts: { code: string; name: string; residents: number }[],
): string {
  const m = t[lang];
  const main = html`<h1>${m.dashboard}</h1>
<h2>${m.counts}</h2>
<table class="data"><thead><tr><th scope="col">${m.code}</th><th scope="col">${m.name}</th><th scope="col">${m.residents}</th></tr></thead>
<tbody>${counts.map((c) => html`<tr><td>${c.code}</td><td>${c.name}</td><td>${c.residents.toLocaleString('ja-JP')}</td></tr>`)}</tbody></table>
<form method="post" action="/staff/logout"><p><button class="button button--secondary" type="submit">${m.logout}</button></p></form>`;
  return page(lang, m.dashboard, '/staff', main, true);
}

export function renderInquiries(lang: Lang, total: number, items: PortalInquiry[]): string {
  const m = t[lang];
  const main = html`<h1>${m.inquiries}</h1>
<p>${total.toLocaleString('ja-JP')} ${m.total}</p>
${
  items.length === 0
    ? html`<p>${m.none}</p>`
    : html`<table class="data"><thead><tr><th scope="col">${m.reference}</th><th scope="col">${m.received}</th><th scope="col">${m.from}</th><th scope="col">${m.category}</th><th scope="col">${m.message}</th></tr></thead>
<tbody>${items.map((i) => html`<tr><td>${i.reference}</td><td>${formatDate(i.createdAt, lang)}</td><td>${i.name}<br>${i.email}</td><td>${i.category}</td><td>${i.message}</td></tr>`)}</tbody></table>`
}`;
  return page(lang, m.inquiries, '/staff/inquiries', main, true);
}
