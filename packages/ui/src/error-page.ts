import { html } from './html.ts';
import { type Lang, layout } from './layout.ts';

const text = {
  ja: { title: 'エラー', reference: '受付番号（エラー）', back: 'トップへ戻る' },
  en: { title: 'Error', reference: 'Error reference', back: 'Back to the start' },
} as const;

/**
 * The HTML error page for a browser on any app without its own: the localized message and the
 * request id, never internals.
 */
export function errorPageRenderer(siteName: { ja: string; en: string }, home = '/') {
  return ({
    status,
    lang,
    requestId,
    message,
  }: {
    status: number;
    lang: Lang;
    requestId: string;
    message: string;
  }): string => {
    const t = text[lang];
    return layout({
      lang,
      title: t.title,
      siteName: siteName[lang],
      path: home,
      main: html`<h1>${message}</h1>
<p>HTTP ${status}</p>
<p>${t.reference}: <code>${requestId}</code></p>
<p><a href="${home}">${t.back}</a></p>`,
    }).value;
  };
}
