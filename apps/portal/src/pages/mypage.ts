import { html } from '@madoguchi/ui';
import type { AccountRow } from '../data/accounts.ts';
import { messages } from '../messages.ts';
import { accountMessages } from './account-messages.ts';
import { exchangeMessages } from './exchange-messages.ts';
import { comingSoonItems, menuLinkItems } from './menu-items.ts';
import { portalPage } from './portal-page.ts';

type Lang = 'ja' | 'en';

const comingSoon = ['kokin', 'motto'] as const;
const built = [
  { key: 'pittari', href: '/services' },
  { key: 'shinsei', href: '/applications' },
  { key: 'oshirase', href: '/notices' },
  { key: 'soutatsu', href: '/account/e-delivery' },
] as const;

/** マイページ: the person's own start page after login. */
export function renderMypage(
  lang: Lang,
  account: AccountRow,
  csrfToken: string,
  firstLogin: boolean,
): string {
  const t = messages[lang];
  const a = accountMessages[lang];
  const e = exchangeMessages[lang];
  const q = lang === 'en' ? '?lang=en' : '';
  const main = html`<h1>${a.mypageTitle}</h1>
${
  account.nickname
    ? html`<p class="lead" data-testid="greeting">${a.mypageGreeting(account.nickname)}</p>`
    : html`<div class="notice"><p>${firstLogin ? a.mypageWelcomeFirst : a.mypageNoNickname}</p><p><a href="/account${q}">${a.mypageSettingsLink}</a></p></div>`
}
<section aria-labelledby="menu-heading">
  <h2 id="menu-heading">${t.menuHeading}</h2>
  <ul class="menu">
    <li class="menu__item" data-menu="yaritori">
      <h3><a href="/history${q}">${e.historyTitle}</a></h3>
      <p>${e.historyMenuText}</p>
    </li>
    <li class="menu__item" data-menu="watashi">
      <h3><a href="/mydata${q}">${e.mydataTitle}</a></h3>
      <p>${e.mydataMenuText}</p>
    </li>
    ${menuLinkItems(lang, built)}
    ${comingSoonItems(lang, comingSoon)}
    <li class="menu__item" data-menu="account">
      <h3><a href="/account${q}">${a.accountTitle}</a></h3>
      <p>${a.accountLead}</p>
    </li>
  </ul>
</section>`;
  return portalPage(lang, a.mypageTitle, '/mypage', main, { nickname: account.nickname, csrfToken });
}
