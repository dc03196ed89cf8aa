import { html } from '@madoguchi/ui';
import { messages } from '../messages.ts';
import { comingSoonItems } from './menu-items.ts';
import { portalPage } from './portal-page.ts';

const menuOrder = [
  'yaritori',
  'watashi',
  'oshirase',
  'pittari',
  'kokin',
  'motto',
  'soutatsu',
  'account',
] as const;

/** The pre-login top page. Services not built yet say so plainly instead of linking nowhere. */
export function renderTopPage(lang: 'ja' | 'en'): string {
  const t = messages[lang];
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
    ${comingSoonItems(lang, menuOrder)}
  </ul>
</section>`;
  return portalPage(lang, t.topTitle, '/', main);
}
