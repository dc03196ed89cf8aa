import { noticeKindNames, noticeKinds } from '@madoguchi/reference';
import { html } from '@madoguchi/ui';
import { noticeMessages } from './notice-messages.ts';
import { type PageUser, portalPage } from './portal-page.ts';

type Lang = 'ja' | 'en';

/** /account/notifications: mail alert on/off per notice kind (default on). */
export function renderNotificationSettingsPage(
  lang: Lang,
  input: { off: string[]; emailConfirmed: boolean; saved?: boolean; user: PageUser },
): string {
  const m = noticeMessages[lang];
  const q = lang === 'en' ? '?lang=en' : '';
  const main = html`<h1>${m.settingsTitle}</h1>
${input.saved ? html`<div class="notice" role="status" data-testid="saved"><p>${m.saved}</p></div>` : ''}
<p class="lead">${m.settingsLead}</p>
${input.emailConfirmed ? '' : html`<div class="notice" data-testid="no-email"><p>${m.settingsNoEmail}</p><p><a href="/account${q}">${lang === 'en' ? 'Account settings' : 'アカウント設定'}</a></p></div>`}
<form method="post" action="/account/notifications${q}">
  <input type="hidden" name="_csrf" value="${input.user.csrfToken}">
  <input type="hidden" name="submitted" value="1">
  <fieldset>
    <legend>${m.settingsLegend}</legend>
    ${noticeKinds.map(
      (k) => html`<div class="form-field">
      <input type="checkbox" id="kind-${k}" name="kinds" value="${k}"${input.off.includes(k) ? '' : html` checked`}>
      <label for="kind-${k}">${noticeKindNames[k][lang]}</label>
    </div>`,
    )}
  </fieldset>
  <button type="submit" class="button">${m.save}</button>
</form>
<p><a href="/notices${q}">${m.back}</a></p>`;
  return portalPage(lang, m.settingsTitle, '/account/notifications', main, input.user);
}
