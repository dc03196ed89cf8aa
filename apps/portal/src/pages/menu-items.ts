import { html, type SafeHtml } from '@madoguchi/ui';
import { messages } from '../messages.ts';

export type MenuKey = keyof (typeof messages)['ja']['menu'];

/** A main-menu entry for a service not built yet: it says so plainly instead of linking nowhere. */
export function comingSoonItems(lang: 'ja' | 'en', keys: readonly MenuKey[]): SafeHtml[] {
  const t = messages[lang];
  return keys.map((key) => {
    const [title, text] = t.menu[key];
    return html`<li class="menu__item" data-menu="${key}">
      <h3>${title}</h3>
      <p>${text}</p>
      <p><span class="status status--soon">${t.notYet}</span> ${t.notYetText}</p>
    </li>`;
  });
}

/** A main-menu entry for a service that exists: its title links to it. */
export function menuLinkItems(
  lang: 'ja' | 'en',
  items: readonly { key: MenuKey; href: string }[],
): SafeHtml[] {
  const t = messages[lang];
  const q = lang === 'en' ? '?lang=en' : '';
  return items.map(({ key, href }) => {
    const [title, text] = t.menu[key];
    return html`<li class="menu__item" data-menu="${key}">
      <h3><a href="${href}${q}">${title}</a></h3>
      <p>${text}</p>
    </li>`;
  });
}
