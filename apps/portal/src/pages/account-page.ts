import { type FieldError, messageOf } from '@madoguchi/errors';
import { html } from '@madoguchi/ui';
import type { AccountRow } from '../data/accounts.ts';
import { messages } from '../messages.ts';
import { accountMessages } from './account-messages.ts';
import { portalPage } from './portal-page.ts';

type Lang = 'ja' | 'en';

export type AccountNotice = 'saved' | 'mailSent' | 'mailFailed' | 'confirmDone';

export interface AccountPageInput {
  account: AccountRow;
  csrfToken: string;
  values?: { nickname?: string; email?: string };
  errors?: FieldError[];
  notice?: AccountNotice;
}

function noticeText(lang: Lang, notice: AccountNotice, account: AccountRow): string {
  const a = accountMessages[lang];
  if (notice === 'mailSent') return a.mailSent(account.pending_email ?? '');
  return a[notice];
}

/** アカウント設定: nickname and notification e-mail. Errors re-render the form with a linked summary. */
export function renderAccountPage(lang: Lang, input: AccountPageInput): string {
  const t = messages[lang];
  const a = accountMessages[lang];
  const errors = input.errors ?? [];
  const q = lang === 'en' ? '?lang=en' : '';
  const nickname = input.values?.nickname ?? input.account.nickname ?? '';
  const email = input.values?.email ?? input.account.pending_email ?? input.account.email ?? '';
  const err = (name: string) => errors.find((e) => e.path === `/${name}`);
  const fieldErr = (name: string) => {
    const e = err(name);
    return e ? html`<p class="field-error" id="${name}-error">${e.message[lang]}</p>` : '';
  };
  const described = (name: string) =>
    html` aria-describedby="${name}-hint${err(name) ? ` ${name}-error` : ''}"${err(name) ? html` aria-invalid="true"` : ''}`;
  const main = html`<h1>${a.accountTitle}</h1>
${
  errors.length > 0
    ? html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
  <h2 id="error-summary-title">${t.errorSummary}</h2>
  <ul>${errors.map((e) => html`<li><a href="#${e.path.slice(1)}">${e.message[lang]}</a></li>`)}</ul>
</div>`
    : ''
}
${input.notice ? html`<div class="notice" role="status"><p data-testid="account-notice">${noticeText(lang, input.notice, input.account)}</p></div>` : ''}
<p>${a.accountLead}</p>
<form method="post" action="/account${q}" novalidate>
  <input type="hidden" name="_csrf" value="${input.csrfToken}">
  <div class="form-field${err('nickname') ? ' form-field--error' : ''}">
    <label for="nickname">${a.nickname}</label>
    <p class="hint" id="nickname-hint">${a.nicknameHint}</p>
    ${fieldErr('nickname')}
    <input type="text" id="nickname" name="nickname" maxlength="40" autocomplete="nickname" value="${nickname}"${described('nickname')}>
  </div>
  <div class="form-field${err('email') ? ' form-field--error' : ''}">
    <label for="email">${a.email}</label>
    <p class="hint" id="email-hint">${a.emailHint}</p>
    ${fieldErr('email')}
    <input type="email" id="email" name="email" maxlength="254" autocomplete="email" value="${email}"${described('email')}>
    ${
      input.account.email && input.account.email_confirmed_at
        ? html`<p class="hint">${input.account.email}（${a.emailConfirmed}）</p>`
        : ''
    }
    ${input.account.pending_email ? html`<p class="hint" data-testid="email-pending">${a.emailPending(input.account.pending_email)}</p>` : ''}
  </div>
  <button type="submit" class="button">${a.save}</button>
</form>`;
  return portalPage(
    lang,
    errors.length > 0 ? `${t.errorTitle}: ${a.accountTitle}` : a.accountTitle,
    '/account',
    main,
    {
      nickname: input.account.nickname,
      csrfToken: input.csrfToken,
    },
  );
}

export function renderConfirmEmailPage(
  lang: Lang,
  input: { token: string; csrfToken: string; address?: string; done?: boolean },
): string {
  const a = accountMessages[lang];
  const t = messages[lang];
  const main = input.done
    ? html`<h1>${a.confirmTitle}</h1><div class="notice" role="status"><p data-testid="confirm-done">${a.confirmDone}</p></div>
<p><a href="/mypage${lang === 'en' ? '?lang=en' : ''}">${a.mypageTitle}</a></p>`
    : input.address
      ? html`<h1>${a.confirmTitle}</h1>
<p>${a.confirmLead(input.address)}</p>
<form method="post" action="/account/email/confirm">
  <input type="hidden" name="_csrf" value="${input.csrfToken}">
  <input type="hidden" name="token" value="${input.token}">
  <input type="hidden" name="lang" value="${lang}">
  <button type="submit" class="button">${a.confirmButton}</button>
</form>`
      : html`<h1>${a.confirmTitle}</h1><div class="error-summary" role="alert"><p>${t.errorTitle}: ${messageOf('account.email_token_invalid', lang)}</p></div>`;
  return portalPage(lang, a.confirmTitle, '/account/email/confirm', main);
}
