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

export function registerPageRoutes(app: HttpApp): void {
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
      return reply.type('text/html; charset=utf-8').send(renderTopPage(requestLang(req)));
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
      return reply.type('text/html; charset=utf-8').send(renderFaqPage(requestLang(req)));
    },
  );
}
