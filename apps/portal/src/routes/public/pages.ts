import type { HttpApp } from '@madoguchi/http';
import { requestLang } from '@madoguchi/http';
import { renderFaqPage } from '../../pages/faq-page.ts';
import { renderTopPage } from '../../pages/top-page.ts';
import { LangQuery } from '../schemas.ts';

export function rememberLang(
  reply: { header(name: string, value: string): unknown },
  query: { lang?: 'ja' | 'en' },
) {
  // Chosen once with the switch, kept for the session of browsing.
  if (query.lang) reply.header('set-cookie', `lang=${query.lang}; Path=/; SameSite=Lax; Max-Age=31536000`);
}

/**
 * The pre-login pages are the same for everyone, so they are rendered once per language at boot and
 * sent as bytes (escaping and UTF-8 encoding were a fifth of the top page's cost under load).
 * Pages that show a person's data are rendered per request.
 */
function prerender(render: (lang: 'ja' | 'en') => string) {
  return { ja: Buffer.from(render('ja')), en: Buffer.from(render('en')) };
}

export function registerPageRoutes(app: HttpApp): void {
  const top = prerender(renderTopPage);
  const faq = prerender(renderFaqPage);
  app.get(
    '/',
    {
      schema: {
        summary: 'Top page (pre-login) with the main menu',
        tags: ['pages'],
        querystring: LangQuery,
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      rememberLang(reply, req.query);
      return reply.type('text/html; charset=utf-8').send(top[requestLang(req)]);
    },
  );
  app.get(
    '/faq',
    {
      schema: {
        summary: 'Frequently asked questions',
        tags: ['pages'],
        querystring: LangQuery,
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      rememberLang(reply, req.query);
      return reply.type('text/html; charset=utf-8').send(faq[requestLang(req)]);
    },
  );
}
