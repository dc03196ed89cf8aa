import { html, type Lang, layout, type SafeHtml } from '@madoguchi/ui';
import type { AgentRequest, AgentRequestStatus } from './request-store.ts';

export interface CardChoice {
  index: number;
  cardSerial: string;
  label?: string;
}

const text = {
  ja: {
    site: 'madoguchi カードリーダー',
    login: 'マイナンバーカードでログイン',
    sign: 'マイナンバーカードで電子署名',
    kindLogin: 'ログイン',
    kindSign: '電子署名',
    lead: '次のサイトからの要求です。内容を確認し、暗証番号を入力して承認してください。',
    from: '要求元のサイト',
    kind: '種類',
    challenge: 'チャレンジ',
    documentName: '文書名',
    documentHash: '文書のハッシュ値 (SHA-256)',
    card: '使用するカード',
    authPin: '利用者証明用暗証番号（数字4桁）',
    signPin: '署名用パスワード（英大文字と数字6〜16桁）',
    approve: '承認',
    decline: '取り消し',
    errorTitle: '入力内容を確認してください',
    wrongPin: (n: number) => `暗証番号が違います。あと ${n} 回間違えるとロックされます。`,
    done: '完了しました。このウィンドウを閉じて、元の画面に戻ってください。',
    declined: '取り消しました。このウィンドウを閉じて、元の画面に戻ってください。',
    locked:
      'カードがロックされました。お住まいの市区町村の窓口でロックの解除を申請してください。このウィンドウを閉じて、元の画面に戻ってください。',
    expired: 'この要求は有効期限（5分）が切れました。元の画面から、もう一度やり直してください。',
    busy: '処理中です。しばらくしてから、元の画面を確認してください。',
    homeTitle: 'カードリーダーが動作しています',
    homeLead: (n: number) =>
      `このコンピューター上の仮想マイナンバーカード ${n} 枚を読み取ります。サイトからの要求は、専用の画面で確認してから承認します。`,
  },
  en: {
    site: 'madoguchi card reader',
    login: 'Log in with your My Number card',
    sign: 'Sign with your My Number card',
    kindLogin: 'Login',
    kindSign: 'Electronic signature',
    lead: 'A site is asking for your card. Check the details, enter your PIN and approve.',
    from: 'Requesting site',
    kind: 'Kind',
    challenge: 'Challenge',
    documentName: 'Document name',
    documentHash: 'Document hash (SHA-256)',
    card: 'Card to use',
    authPin: 'User authentication PIN (4 digits)',
    signPin: 'Signature password (6–16 uppercase letters and digits)',
    approve: 'Approve',
    decline: 'Cancel',
    errorTitle: 'Please check your input',
    wrongPin: (n: number) => `The PIN is incorrect. ${n} more wrong tries will lock the card.`,
    done: 'Done. Close this window and go back to the site.',
    declined: 'Cancelled. Close this window and go back to the site.',
    locked:
      'The card is locked. Ask your municipal office to unlock it. Close this window and go back to the site.',
    expired: 'This request has expired (5 minutes). Start again from the site.',
    busy: 'Working on it. Check the site in a moment.',
    homeTitle: 'The card reader is running',
    homeLead: (n: number) =>
      `It reads ${n} virtual My Number card(s) on this computer. Each request from a site is approved on its own page.`,
  },
} as const;

function page(lang: Lang, title: string, path: string, main: SafeHtml): string {
  return layout({ lang, title, siteName: text[lang].site, path, main }).value;
}

export function requestPage(o: {
  lang: Lang;
  request: AgentRequest;
  cards: CardChoice[];
  selectedCard?: number;
  error?: string;
}): string {
  const t = text[o.lang];
  const r = o.request;
  const title = r.kind === 'login' ? t.login : t.sign;
  const path = `/requests/${r.id}`;
  const pinLabel = r.kind === 'login' ? t.authPin : t.signPin;
  const selected = o.selectedCard ?? 0;
  const details =
    r.kind === 'login'
      ? html`<dt>${t.challenge}</dt><dd><code>${r.challenge}</code></dd>`
      : html`<dt>${t.documentName}</dt><dd>${r.documentName}</dd>
<dt>${t.documentHash}</dt><dd><code>${r.documentHash}</code></dd>`;
  const cardField =
    o.cards.length > 1
      ? html`<fieldset class="form-field"><legend>${t.card}</legend>
${o.cards.map(
  (
    c,
  ) => html`<div class="choice"><input type="radio" name="card" id="card-${c.index}" value="${c.index}"${c.index === selected ? html` checked` : ''}>
<label for="card-${c.index}">${c.label ? `${c.label} — ` : ''}${c.cardSerial}</label></div>`,
)}
</fieldset>`
      : html`<input type="hidden" name="card" value="0">`;
  const main = html`<h1>${title}</h1>
${
  o.error
    ? html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">${t.errorTitle}</h2>
<p><a href="#pin">${o.error}</a></p>
</div>`
    : ''
}
<p>${t.lead}</p>
<dl class="card">
<dt>${t.from}</dt><dd><strong>${r.site}</strong></dd>
<dt>${t.kind}</dt><dd>${r.kind === 'login' ? t.kindLogin : t.kindSign}</dd>
${details}
</dl>
<form method="post" action="${path}?lang=${o.lang}">
<input type="hidden" name="formToken" value="${r.formToken}">
${cardField}
<div class="form-field${o.error ? ' form-field--error' : ''}">
<label for="pin">${pinLabel}</label>
${o.error ? html`<p class="field-error" id="pin-error">${o.error}</p>` : ''}
<input type="password" id="pin" name="pin" required autocomplete="off"${r.kind === 'login' ? html` inputmode="numeric" maxlength="4"` : html` maxlength="16" autocapitalize="characters"`}${o.error ? html` aria-describedby="pin-error" aria-invalid="true"` : ''}>
</div>
<p>
<button class="button" type="submit" name="action" value="approve">${t.approve}</button>
<button class="button button--secondary" type="submit" name="action" value="decline" formnovalidate>${t.decline}</button>
</p>
</form>`;
  return page(o.lang, title, path, main);
}

/** The page once a request has ended (or is being worked on). */
export function statusPage(lang: Lang, request: AgentRequest, status: AgentRequestStatus | 'busy'): string {
  const t = text[lang];
  const title = request.kind === 'login' ? t.login : t.sign;
  const message =
    status === 'done'
      ? t.done
      : status === 'declined'
        ? t.declined
        : status === 'locked'
          ? t.locked
          : status === 'expired'
            ? t.expired
            : t.busy;
  const role = status === 'locked' || status === 'expired' ? 'alert' : 'status';
  return page(
    lang,
    title,
    `/requests/${request.id}`,
    html`<h1>${title}</h1><p class="notice" role="${role}">${message}</p>`,
  );
}

export function wrongPinMessage(lang: Lang, remaining: number): string {
  return text[lang].wrongPin(remaining);
}

export function homePage(lang: Lang, cards: number): string {
  const t = text[lang];
  return page(lang, t.homeTitle, '/', html`<h1>${t.homeTitle}</h1><p>${t.homeLead(cards)}</p>`);
}
