import { html, layout, type SafeHtml, trusted } from '@madoguchi/ui';
import { messages } from '../messages.ts';
import { unreadMarker } from '../services/notices/unread-badge.ts';
import { accountMessages } from './account-messages.ts';
import { exchangeMessages } from './exchange-messages.ts';

/** Who is logged in, for the header: their nickname (if set) and the CSRF token of the logout form. */
export interface PageUser {
  nickname: string | null;
  csrfToken: string;
}

export function portalPage(
  lang: 'ja' | 'en',
  title: string,
  path: string,
  main: SafeHtml,
  user?: PageUser,
): string {
  const t = messages[lang];
  const a = accountMessages[lang];
  const e = exchangeMessages[lang];
  const q = lang === 'en' ? '?lang=en' : '';
  const headerExtra = user
    ? html`<div class="site-header__user">
      ${trusted(unreadMarker(lang))}
      <a href="/mypage${q}">${user.nickname ?? a.mypageTitle}</a>
      <form method="post" action="/logout" class="inline-form">
        <input type="hidden" name="_csrf" value="${user.csrfToken}">
        <button type="submit" class="button button--secondary">${a.logout}</button>
      </form>
    </div>`
    : html`<a class="site-header__login button" href="/login${q}">${a.loginTitle}</a>`;
  return layout({
    lang,
    title,
    siteName: t.siteName,
    path,
    main,
    headerExtra,
    nav: [
      { href: user ? `/mypage${q}` : `/${q}`, label: user ? a.mypageTitle : t.topTitle },
      ...(user
        ? [
            { href: `/notices${q}`, label: lang === 'en' ? 'Notices' : 'お知らせ' },
            { href: `/mydata${q}`, label: e.mydataTitle },
            { href: `/history${q}`, label: e.historyTitle },
            { href: `/account${q}`, label: a.accountTitle },
          ]
        : []),
      { href: `/faq${q}`, label: t.faq },
      { href: `/inquiry${q}`, label: t.inquiry },
    ],
    footerLinks: [
      { href: `/faq${q}`, label: t.faq },
      { href: `/inquiry${q}`, label: t.inquiry },
    ],
  }).value;
}
