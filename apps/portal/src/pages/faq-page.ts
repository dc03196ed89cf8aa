import { html } from '@madoguchi/ui';
import { messages } from '../messages.ts';
import { portalPage } from './portal-page.ts';

export function renderFaqPage(lang: 'ja' | 'en'): string {
  const t = messages[lang];
  const main = html`<h1>${t.faqTitle}</h1>
<dl class="faq">${t.faqItems.map(([q, a]) => html`<dt>${q}</dt><dd>${a}</dd>`)}</dl>`;
  return portalPage(lang, t.faqTitle, '/faq', main);
}
