/** Server-rendered pages (Japanese first, English second); every form carries a CSRF token. */
import { html, type Lang, layout, type SafeHtml } from '@madoguchi/ui';
import type { Company } from './issuers.ts';
import type { CertificateRow, MessageRow, UserRow } from './store.ts';

const siteName = { ja: 'まどぐち民間送達サービス（デモ）', en: 'madoguchi private e-delivery (demo)' };
const yen = (n: number) => `${n.toLocaleString('ja-JP')} 円`;

function page(
  lang: Lang,
  title: string,
  path: string,
  main: SafeHtml,
  user?: UserRow,
  csrf?: string,
): string {
  const headerExtra =
    user && csrf
      ? html`<form method="post" action="/logout" class="inline-form"><span>${user.name}</span>
<input type="hidden" name="csrf" value="${csrf}"><button type="submit">${lang === 'ja' ? 'ログアウト' : 'Log out'}</button></form>`
      : undefined;
  return layout({
    lang,
    title,
    siteName: siteName[lang],
    path,
    main,
    nav: [
      { href: '/', label: lang === 'ja' ? 'メールボックス' : 'Mailbox' },
      {
        href: '/companies',
        label: lang === 'ja' ? '証明書の発行（事業者）' : 'Issue certificates (companies)',
      },
    ],
    ...(headerExtra ? { headerExtra } : {}),
  }).value;
}

export function loginPage(o: { lang: Lang; pre: string; next: string; failed: boolean }): string {
  const ja = o.lang === 'ja';
  return page(
    o.lang,
    ja ? 'ログイン' : 'Log in',
    '/login',
    html`<h1>${ja ? 'ログイン' : 'Log in'}</h1>
${o.failed ? html`<div class="error-summary" role="alert"><p>${ja ? 'ログインIDまたはパスワードが正しくありません。' : 'The login or password is wrong.'}</p></div>` : ''}
<form method="post" action="/login">
<input type="hidden" name="pre" value="${o.pre}"><input type="hidden" name="next" value="${o.next}">
<p><label for="login">${ja ? 'ログインID' : 'Login'}</label><br><input id="login" name="login" autocomplete="username" required></p>
<p><label for="password">${ja ? 'パスワード' : 'Password'}</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">${ja ? 'ログイン' : 'Log in'}</button></p>
</form>`,
  );
}

export function mailboxPage(o: {
  lang: Lang;
  user: UserRow;
  csrf: string;
  messages: MessageRow[];
  certificates: CertificateRow[];
  companyName: (id: string) => string;
}): string {
  const ja = o.lang === 'ja';
  const messages = o.messages.length
    ? html`<ul class="mailbox">${o.messages.map(
        (
          m,
        ) => html`<li><details><summary><strong>${m.title}</strong> — ${m.sender} (${m.received_at.slice(0, 16).replace('T', ' ')})</summary>
<p class="notice-body">${m.body}</p></details></li>`,
      )}</ul>`
    : html`<p>${ja ? 'まだ届いたお知らせはありません。' : 'No notices yet.'}</p>`;
  const certs = o.certificates.length
    ? html`<table><caption>${ja ? '控除証明書' : 'Certificates of deduction'}</caption>
<thead><tr><th scope="col">${ja ? '発行者' : 'Issuer'}</th><th scope="col">${ja ? '種類' : 'Kind'}</th><th scope="col">${ja ? '年分' : 'Year'}</th><th scope="col">${ja ? '金額' : 'Amount'}</th><th scope="col">XML</th></tr></thead>
<tbody>${o.certificates.map(
        (
          c,
        ) => html`<tr><td>${o.companyName(c.company_id)}</td><td>${c.kind === 'life_insurance' ? (ja ? '生命保険料控除' : 'Life insurance') : ja ? '寄附金控除' : 'Donation'} (${c.form})</td>
<td>${c.year}</td><td>${yen(c.amount)}</td><td><a href="/certificates/${c.id}.xml">${ja ? 'ダウンロード' : 'Download'}</a></td></tr>`,
      )}</tbody></table>`
    : html`<p>${ja ? '控除証明書はまだありません。' : 'No certificates yet.'}</p>`;
  return page(
    o.lang,
    ja ? 'メールボックス' : 'Mailbox',
    '/',
    html`<h1>${ja ? 'メールボックス' : 'Mailbox'}</h1>
<p>${ja ? 'メールボックスID' : 'Mailbox id'}: <code>${o.user.mailbox_id}</code></p>
<h2>${ja ? 'お知らせ' : 'Notices'}</h2>${messages}
<h2>${ja ? '控除証明書' : 'Certificates of deduction'}</h2>${certs}`,
    o.user,
    o.csrf,
  );
}

export function consentPage(o: {
  lang: Lang;
  user: UserRow;
  csrf: string;
  reqId: string;
  clientId: string;
}): string {
  const ja = o.lang === 'ja';
  return page(
    o.lang,
    ja ? '連携の確認' : 'Approve the link',
    '/oauth/consent',
    html`<h1>${ja ? '連携の確認' : 'Approve the link'}</h1>
<p>${
      ja
        ? html`<strong>${o.clientId}</strong>（マイナポータル）が、あなたのメールボックスにお知らせを届け、控除証明書を読み取ることを許可しますか。`
        : html`Allow <strong>${o.clientId}</strong> (the portal) to deliver notices to your mailbox and read your certificates of deduction?`
    }</p>
<form method="post" action="/oauth/consent">
<input type="hidden" name="csrf" value="${o.csrf}"><input type="hidden" name="req" value="${o.reqId}">
<button type="submit" name="decision" value="approve">${ja ? '許可する' : 'Approve'}</button>
<button type="submit" name="decision" value="deny">${ja ? '許可しない' : 'Deny'}</button>
</form>`,
    o.user,
    o.csrf,
  );
}

export function companiesPage(o: {
  lang: Lang;
  user: UserRow;
  csrf: string;
  company: Company | undefined;
  issued?: string;
}): string {
  const ja = o.lang === 'ja';
  const c = o.company;
  const main = !c
    ? html`<h1>${ja ? '証明書の発行' : 'Issue certificates'}</h1><p>${ja ? 'このページは事業者の担当者だけが使えます（デモ: life / city でログイン）。' : 'Company staff only (demo logins: life / city).'}</p>`
    : html`<h1>${c.name}</h1><p>${ja ? '法人番号' : 'Corporate number'}: ${c.houjinBangou}</p>
${o.issued ? html`<p role="status">${ja ? '発行しました' : 'Issued'}: ${o.issued}</p>` : ''}
<form method="post" action="/companies/${c.id}/certificates">
<input type="hidden" name="csrf" value="${o.csrf}">
<p><label for="recipient">${ja ? '宛先のログインID' : 'Recipient login'}</label><br><input id="recipient" name="recipient" required></p>
<p><label for="year">${ja ? '年分' : 'Year'}</label><br><input id="year" name="year" inputmode="numeric" required></p>
<p><label for="amount">${c.kind === 'life_insurance' ? (ja ? '保険料（円）' : 'Premium (yen)') : ja ? '寄附金額（円）' : 'Donation (yen)'}</label><br><input id="amount" name="amount" inputmode="numeric" required></p>
<p><button type="submit">${ja ? '発行してメールボックスに届ける' : 'Issue into the mailbox'}</button></p></form>`;
  return page(o.lang, ja ? '証明書の発行' : 'Issue certificates', '/companies', main, o.user, o.csrf);
}
