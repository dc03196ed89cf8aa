import { html } from '@madoguchi/ui';
import { accountMessages } from './account-messages.ts';
import { portalPage } from './portal-page.ts';

type Lang = 'ja' | 'en';

export interface LoginPageInput {
  challengeId: string;
  challenge: string;
  csrfToken: string;
  agentUrl: string;
  notice?: 'loggedOut' | 'sessionExpired';
}

/**
 * The card login page. The script (/assets/login.js, no inline code under the CSP) asks the card
 * reader agent to sign the challenge; the PIN is typed into the agent's own window, never here.
 * Messages the script may show are rendered here, in the page's language.
 */
export function renderLoginPage(lang: Lang, input: LoginPageInput): string {
  const a = accountMessages[lang];
  const main = html`<h1>${a.loginTitle}</h1>
${input.notice ? html`<div class="notice" role="status"><p>${a[input.notice]}</p></div>` : ''}
<p class="lead">${a.loginLead}</p>
<ol class="steps">${a.loginSteps.map((s) => html`<li>${s}</li>`)}</ol>
<div id="card-login" class="card"
  data-agent-url="${input.agentUrl}"
  data-challenge="${input.challenge}"
  data-challenge-id="${input.challengeId}"
  data-csrf="${input.csrfToken}"
  data-lang="${lang}"
  data-msg-connecting="${a.loginConnecting}"
  data-msg-waiting="${a.loginWaiting}"
  data-msg-open-agent="${a.loginOpenAgent}"
  data-msg-verifying="${a.loginVerifying}"
  data-msg-agent-unavailable="${a.loginAgentUnavailable}"
  data-msg-declined="${a.loginDeclined}"
  data-msg-expired="${a.loginExpired}"
  data-msg-locked="${a.loginLocked}">
  <noscript><p class="status-message status-message--error">${a.loginNoScript}</p></noscript>
  <button type="button" class="button" id="card-login-button">${a.loginButton}</button>
  <p id="card-login-status" class="status-message" role="status" aria-live="polite"></p>
  <p id="card-login-agent-link" hidden><a href="${input.agentUrl}" target="_blank" rel="noopener">${a.loginOpenAgent}</a></p>
</div>
<script type="module" src="/assets/login.js"></script>`;
  return portalPage(lang, a.loginTitle, '/login', main);
}
