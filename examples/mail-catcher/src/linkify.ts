import { html, type SafeHtml } from '@madoguchi/ui';

// ASCII URL characters only: Japanese text often runs straight on after a link ("…/confirm。").
const urlPattern = /https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/g;
// Sentence punctuation after a link belongs to the sentence, not to the URL.
const trailing = /[.,;:!?')\]]+$/;

/**
 * Plain text with its http(s) URLs as links, everything else escaped. Only http and https are
 * linked, so a `javascript:` "URL" in a message stays text.
 */
export function linkify(text: string): SafeHtml {
  const parts: (string | SafeHtml)[] = [];
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    const url = match[0].replace(trailing, '');
    const start = match.index;
    parts.push(text.slice(last, start));
    parts.push(html`<a href="${url}" rel="noreferrer">${url}</a>`);
    last = start + url.length;
  }
  parts.push(text.slice(last));
  return html`${parts}`;
}
