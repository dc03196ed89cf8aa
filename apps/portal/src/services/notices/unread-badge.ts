/**
 * The unread-notices badge in the header of every page for a logged-in person. The page layout leaves a
 * marker (`unreadMarker(lang)`) where the badge goes; one hook fills it for every HTML page with one
 * query (session → account → inbox count), so no page route has to know about notices.
 */
import type { Kysely } from '@madoguchi/db';
import type { HttpApp } from '@madoguchi/http';
import { html } from '@madoguchi/ui';
import { unreadCountForSession } from '../../data/notices.ts';
import type { PortalDB } from '../../data/schema.ts';
import { hashSessionId } from '../sessions.ts';

const MARKER = /<!--madoguchi:unread:(ja|en)-->/;

export function unreadMarker(lang: 'ja' | 'en'): string {
  return `<!--madoguchi:unread:${lang}-->`;
}

export function unreadBadge(lang: 'ja' | 'en', count: number): string {
  const q = lang === 'en' ? '?lang=en' : '';
  const label = lang === 'en' ? 'Notices' : 'お知らせ';
  if (count === 0)
    return html`<a class="site-header__notices" href="/notices${q}" data-testid="unread-badge" data-unread="0">${label}</a>`
      .value;
  const aria = lang === 'en' ? `Notices, ${count} unread` : `お知らせ 未読${count}件`;
  return html`<a class="site-header__notices" href="/notices${q}" data-testid="unread-badge" data-unread="${String(count)}" aria-label="${aria}">${label} <span class="badge" aria-hidden="true">${String(count)}</span></a>`
    .value;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

export function installUnreadBadge(app: HttpApp, db: Kysely<PortalDB>, cookieName: string): void {
  app.addHook('onSend', async (req, _reply, payload) => {
    if (typeof payload !== 'string') return payload;
    const m = MARKER.exec(payload);
    if (!m) return payload;
    const lang = m[1] === 'en' ? 'en' : 'ja';
    const id = cookieValue(req.headers.cookie, cookieName);
    let count = 0;
    if (id && /^[A-Za-z0-9_-]{43}$/.test(id)) {
      try {
        count = await unreadCountForSession(db, hashSessionId(id));
      } catch (err) {
        // A badge is not worth failing a page over.
        req.log.warn({ err }, 'unread count failed');
      }
    }
    const out = payload.replace(MARKER, unreadBadge(lang, count));
    return out;
  });
}
