import { html, type SafeHtml } from './html.ts';

export type Lang = 'ja' | 'en';

export interface NavItem {
  href: string;
  label: string;
}

export interface PageInput {
  lang: Lang;
  title: string;
  /** The site's name in the header, e.g. "madoguchi マイナポータル". */
  siteName: string;
  /** The current path without the lang query; the language switch links to it. */
  path: string;
  main: SafeHtml;
  nav?: NavItem[];
  footerLinks?: NavItem[];
  /** Rendered at the end of the header bar, e.g. the logged-in person's name and a logout button. */
  headerExtra?: SafeHtml;
}

const chrome = {
  ja: {
    skip: '本文へ移動',
    switchLabel: 'English',
    switchLang: 'en',
    navLabel: 'メインメニュー',
    footer: 'madoguchi — オープンソースの行政手続ポータル',
  },
  en: {
    skip: 'Skip to main content',
    switchLabel: '日本語',
    switchLang: 'ja',
    navLabel: 'Main menu',
    footer: 'madoguchi — an open-source government services portal',
  },
} as const;

function withLang(path: string, lang: string): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', lang);
  return `${url.pathname}${url.search}`;
}

/** The page frame every server-rendered page shares; no inline script or style (CSP forbids them). */
export function layout(input: PageInput): SafeHtml {
  const t = chrome[input.lang];
  return html`<!doctype html>
<html lang="${input.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title} | ${input.siteName}</title>
<link rel="stylesheet" href="/assets/site.css">
</head>
<body>
<a class="skip-link" href="#main">${t.skip}</a>
<header class="site-header">
  <div class="site-header__inner">
    <a class="site-header__brand" href="/">${input.siteName}</a>
    <a class="site-header__lang" href="${withLang(input.path, t.switchLang)}" lang="${t.switchLang}" hreflang="${t.switchLang}">${t.switchLabel}</a>
    ${input.headerExtra ?? ''}
  </div>
  ${
    input.nav && input.nav.length > 0
      ? html`<nav class="site-nav" aria-label="${t.navLabel}"><ul>${input.nav.map((n) => html`<li><a href="${n.href}">${n.label}</a></li>`)}</ul></nav>`
      : ''
  }
</header>
<main id="main" class="site-main" tabindex="-1">
${input.main}
</main>
<footer class="site-footer">
  <ul>${(input.footerLinks ?? []).map((n) => html`<li><a href="${n.href}">${n.label}</a></li>`)}</ul>
  <p>${t.footer}</p>
</footer>
</body>
</html>`;
}
