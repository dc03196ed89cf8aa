import type { Lang } from '@madoguchi/errors';
import type { FastifyRequest } from 'fastify';

/** Japanese first: English only when asked for by `?lang=en`, the `lang` cookie, or Accept-Language. */
export function requestLang(req: FastifyRequest): Lang {
  const query = req.query as Record<string, unknown> | undefined;
  const q = query?.lang;
  if (q === 'en' || q === 'ja') return q;
  const cookie = /(?:^|;\s*)lang=(ja|en)(?:;|$)/.exec(req.headers.cookie ?? '');
  if (cookie) return cookie[1] as Lang;
  const accept = req.headers['accept-language'] ?? '';
  const first = accept.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'ja';
}

/** A browser navigating (not an API client) gets HTML pages for errors. */
export function wantsHtml(req: FastifyRequest): boolean {
  if (req.url.startsWith('/api/') || req.url.startsWith('/internal/')) return false;
  return (req.headers.accept ?? '').includes('text/html');
}
