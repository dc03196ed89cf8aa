/**
 * After the card step: the 受付完了 page of one application and the list of the person's
 * applications. Also the messages of the signing step on the review page (the script shows them),
 * kept here with the rest of the submit flow.
 */
import { formatSeireki, formatWareki } from '@madoguchi/e-application';
import { html, type SafeHtml } from '@madoguchi/ui';
import type { ApplicationRecord, ApplicationSummary } from '../data/applications.ts';
import { type PageUser, portalPage } from './portal-page.ts';

type Lang = 'ja' | 'en';

export const submitMessages = {
  ja: {
    signLead:
      '「署名して申請」を押すと、カードリーダーのアプリが開きます。内容を確認し、署名用電子証明書の暗証番号（英数字6〜16桁）を入力してください。',
    noScript:
      'カードでの署名にはJavaScriptとカードリーダーのアプリが必要です。ログインのときと同じアプリを起動し、JavaScriptを有効にしてください。',
    missingFirst: '添付が必要な書類がそろうまで署名できません。',
    connecting: 'カードリーダーのアプリに接続しています…',
    waiting: 'カードリーダーのアプリで内容を確認し、署名用の暗証番号を入力してください。',
    openAgent: 'カードリーダーのアプリを開く',
    submitting: '署名を確認して申請しています…',
    agentUnavailable:
      'カードリーダーのアプリに接続できません。アプリを起動してから、もう一度お試しください。',
    declined: '署名が取り消されました。',
    expired: '時間切れになりました。もう一度お試しください。',
    locked:
      '暗証番号を続けて間違えたため、署名用電子証明書がロックされました。市区町村の窓口で解除してください。',
    submittedTitle: '申請を受け付けました',
    submittedLead: '申請を受け付けました。受付番号は、お問い合わせの際に必要です。',
    receiptNumber: '受付番号',
    service: '手続名',
    submittedAt: '提出日時',
    signer: '署名者',
    sha256: '申請データのSHA-256',
    receiptPdf: '受付票（PDF）をダウンロード',
    listTitle: '申請履歴',
    listEmpty: 'まだ申請はありません。',
    status: '状況',
    statusSubmitted: '受付済み',
    details: '詳細',
  },
  en: {
    signLead:
      'Sign and apply opens the card reader app. Check the details there and enter the PIN of your signing certificate (6-16 letters and digits).',
    noScript:
      'Signing with the card needs JavaScript and the card reader app. Start the same app you use to log in and turn JavaScript on.',
    missingFirst: 'You can sign once every document to attach is attached.',
    connecting: 'Connecting to the card reader app…',
    waiting: 'Check the details in the card reader app and enter your signing PIN.',
    openAgent: 'Open the card reader app',
    submitting: 'Checking the signature and submitting…',
    agentUnavailable: 'The card reader app cannot be reached. Start it and try again.',
    declined: 'Signing was cancelled.',
    expired: 'The request timed out. Please try again.',
    locked:
      'Your signing certificate is locked after too many wrong PINs. Ask your municipal office to unlock it.',
    submittedTitle: 'Application received',
    submittedLead:
      'Your application has been received. Quote the receipt number when you contact the office.',
    receiptNumber: 'Receipt number',
    service: 'Procedure',
    submittedAt: 'Submitted',
    signer: 'Signed by',
    sha256: 'SHA-256 of the application',
    receiptPdf: 'Download the receipt (PDF)',
    listTitle: 'Your applications',
    listEmpty: 'You have not submitted any applications yet.',
    status: 'Status',
    statusSubmitted: 'Received',
    details: 'Details',
  },
} as const;

const q = (lang: Lang) => (lang === 'en' ? '?lang=en' : '');

/**
 * The card step on the review page: a form posting to the submit route, which sign.js fills with the
 * agent's signature over `sha256` and submits. Everything the script needs is in data- attributes
 * (no inline code under the CSP); without JavaScript the page says the card step needs it.
 */
export function signForm(
  lang: Lang,
  input: {
    base: string;
    service: string;
    signLabel: string;
    sha256: string;
    submissionId: string;
    missing: string[];
    agentUrl: string;
    user: PageUser;
  },
): SafeHtml {
  const m = submitMessages[lang];
  const blocked = input.missing.length > 0;
  return html`<form method="post" action="${input.base}/submit${q(lang)}" id="card-sign" class="card"
  data-agent-url="${input.agentUrl}"
  data-document-name="${input.service}"
  data-document-hash="${input.sha256}"
  data-msg-connecting="${m.connecting}"
  data-msg-waiting="${m.waiting}"
  data-msg-submitting="${m.submitting}"
  data-msg-agent-unavailable="${m.agentUnavailable}"
  data-msg-declined="${m.declined}"
  data-msg-expired="${m.expired}"
  data-msg-locked="${m.locked}">
  <input type="hidden" name="_csrf" value="${input.user.csrfToken}">
  <input type="hidden" name="submissionId" value="${input.submissionId}">
  <input type="hidden" name="documentHash" value="${input.sha256}">
  <input type="hidden" name="signature" value="">
  <p id="sign-note">${blocked ? m.missingFirst : m.signLead}</p>
  <noscript><p class="status-message status-message--error" data-testid="sign-noscript">${m.noScript}</p></noscript>
  <p><button type="button" class="button"${blocked ? html` disabled` : ''} aria-describedby="sign-note" data-testid="sign">${input.signLabel}</button></p>
  <p id="card-sign-status" class="status-message" role="status" aria-live="polite"></p>
  <p id="card-sign-agent-link" hidden><a href="${input.agentUrl}" target="_blank" rel="noopener">${m.openAgent}</a></p>
</form>
<script type="module" src="/assets/sign.js"></script>`;
}

const englishTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Tokyo',
  dateStyle: 'long',
  timeStyle: 'short',
});

/** 西暦 and 和暦 in Japan time, as on the 受付票. */
export function submittedTime(at: Date, lang: Lang): string {
  return lang === 'ja' ? `${formatSeireki(at)}（${formatWareki(at)}）` : `${englishTime.format(at)} JST`;
}

export function renderSubmittedPage(lang: Lang, user: PageUser, a: ApplicationRecord): string {
  const m = submitMessages[lang];
  const main = html`<h1>${m.submittedTitle}</h1>
<p class="status-message" role="status">${m.submittedLead}</p>
<dl class="card" data-testid="application">
  <dt>${m.receiptNumber}</dt><dd><strong data-testid="receipt-number">${a.receiptNumber}</strong></dd>
  <dt>${m.service}</dt><dd>${a.serviceTitle}</dd>
  <dt>${m.submittedAt}</dt><dd data-testid="submitted-at">${submittedTime(a.submittedAt, lang)}</dd>
  <dt>${m.signer}</dt><dd>${a.signer.familyName} ${a.signer.givenName}</dd>
  <dt>${m.sha256}</dt><dd><code>${a.sha256}</code></dd>
</dl>
<p><a class="button" href="/applications/${a.id}/receipt.pdf" download data-testid="receipt-pdf">${m.receiptPdf}</a></p>
<p><a href="/applications${q(lang)}">${m.listTitle}</a></p>`;
  return portalPage(lang, m.submittedTitle, `/applications/${a.id}`, main, user);
}

export function renderApplicationsPage(lang: Lang, user: PageUser, list: ApplicationSummary[]): string {
  const m = submitMessages[lang];
  const main = html`<h1>${m.listTitle}</h1>
${
  list.length === 0
    ? html`<p data-testid="no-applications">${m.listEmpty}</p>`
    : html`<table class="table" data-testid="applications">
  <thead><tr><th scope="col">${m.receiptNumber}</th><th scope="col">${m.service}</th><th scope="col">${m.submittedAt}</th><th scope="col">${m.status}</th><th scope="col">${m.details}</th></tr></thead>
  <tbody>${list.map(
    (a) => html`<tr data-application="${a.id}">
    <td>${a.receiptNumber}</td>
    <td>${a.serviceTitle}</td>
    <td>${submittedTime(a.submittedAt, lang)}</td>
    <td>${m.statusSubmitted}</td>
    <td><a href="/applications/${a.id}${q(lang)}">${m.details}</a></td>
  </tr>`,
  )}</tbody>
</table>`
}`;
  return portalPage(lang, m.listTitle, '/applications', main, user);
}
