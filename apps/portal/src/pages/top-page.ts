import { html } from '@madoguchi/ui';
import { messages } from '../messages.ts';
import { exchangeMessages } from './exchange-messages.ts';
import { comingSoonItems, menuLinkItems } from './menu-items.ts';
import { portalPage } from './portal-page.ts';

const comingSoon = ['kokin', 'motto', 'account'] as const;
const built = [
  { key: 'pittari', href: '/services' },
  { key: 'oshirase', href: '/notices' },
  { key: 'soutatsu', href: '/account/e-delivery' },
] as const;

/** A service that works after login: its link leads through the login page. */
function loginItem(lang: 'ja' | 'en', key: 'yaritori' | 'watashi', path: string, text: string) {
  const e = exchangeMessages[lang];
  const [title] = messages[lang].menu[key];
  return html`<li class="menu__item" data-menu="${key}">
      <h3><a href="${path}${lang === 'en' ? '?lang=en' : ''}">${title}</a></h3>
      <p>${text}</p>
      <p><span class="status status--ready">${e.needsLogin}</span> ${e.needsLoginText}</p>
    </li>`;
}

/** The pre-login top page. Services not built yet say so plainly instead of linking nowhere. */
export function renderTopPage(lang: 'ja' | 'en'): string {
  const t = messages[lang];
  const e = exchangeMessages[lang];
  const main = html`
<h1>${t.topHeading}</h1>
<p class="lead">${t.topLead}</p>
<section aria-labelledby="login-heading" class="card">
  <h2 id="login-heading">${t.loginHeading}</h2>
  <p>${t.loginText}</p>
  <p><a class="button" href="/login${lang === 'en' ? '?lang=en' : ''}">${t.loginLink}</a></p>
</section>
<section aria-labelledby="menu-heading">
  <h2 id="menu-heading">${t.menuHeading}</h2>
  <ul class="menu">
    ${loginItem(lang, 'yaritori', '/history', e.historyMenuText)}
    ${loginItem(lang, 'watashi', '/mydata', e.mydataMenuText)}
    ${menuLinkItems(lang, built)}
    ${comingSoonItems(lang, comingSoon)}
  </ul>
</section>`;
  return portalPage(lang, t.topTitle, '/', main);
}
