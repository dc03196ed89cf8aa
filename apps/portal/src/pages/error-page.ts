import { messageOf } from '@madoguchi/errors';
import type { ErrorPageRenderer } from '@madoguchi/http';
import { html } from '@madoguchi/ui';
import { messages } from '../messages.ts';
import { portalPage } from './portal-page.ts';

/** Error pages for browsers: the localized message and the request id, never internals. */
export const renderErrorPage: ErrorPageRenderer = ({ status, code, lang, requestId }) => {
  const t = messages[lang];
  const main = html`<h1>${messageOf(code, lang)}</h1>
<p>HTTP ${status}</p>
<p>${t.requestIdLabel}: <code>${requestId}</code></p>
<p><a href="/${lang === 'en' ? '?lang=en' : ''}">${t.backToTop}</a></p>`;
  return portalPage(lang, t.errorTitle, '/', main);
};
