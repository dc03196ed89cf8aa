import { layout, type SafeHtml } from '@madoguchi/ui';
import { messages } from '../messages.ts';

export function portalPage(lang: 'ja' | 'en', title: string, path: string, main: SafeHtml): string {
  const t = messages[lang];
  const q = lang === 'en' ? '?lang=en' : '';
  return layout({
    lang,
    title,
    siteName: t.siteName,
    path,
    main,
    nav: [
      { href: `/${q}`, label: t.topTitle },
      { href: `/faq${q}`, label: t.faq },
      { href: `/inquiry${q}`, label: t.inquiry },
    ],
    footerLinks: [
      { href: `/faq${q}`, label: t.faq },
      { href: `/inquiry${q}`, label: t.inquiry },
    ],
  }).value;
}
