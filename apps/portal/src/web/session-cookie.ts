import { AppError } from '@madoguchi/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Session, type SessionStore, sameToken } from '../services/sessions.ts';

/**
 * Cookie handling and request guards shared by the portal's pages. In production the cookie is
 * `__Host-` prefixed (Secure, host-only, Path=/), so no sibling subdomain can set or read it.
 */
export function createWebSessions(
  store: SessionStore,
  options: { production: boolean; allowedOrigins: () => string[] },
) {
  const name = options.production ? '__Host-madoguchi_session' : 'madoguchi_session';
  const attributes = `Path=/; HttpOnly; SameSite=Lax${options.production ? '; Secure' : ''}`;

  function readCookie(req: FastifyRequest): string | undefined {
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const i = part.indexOf('=');
      if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
    }
    return undefined;
  }

  function setCookie(reply: FastifyReply, session: Session): void {
    reply.header('set-cookie', `${name}=${session.id}; ${attributes}`);
  }

  function clearCookie(reply: FastifyReply): void {
    reply.header('set-cookie', `${name}=; ${attributes}; Max-Age=0`);
  }

  return {
    cookieName: name,
    setCookie,
    clearCookie,

    /** The current session, or a new pre-login one (for pages that carry a form or a challenge). */
    async current(req: FastifyRequest, reply: FastifyReply): Promise<Session> {
      const found = await store.load(readCookie(req), req.id);
      if (found.state === 'active') return found.session;
      const session = await store.create(null);
      setCookie(reply, session);
      return session;
    },

    /** The logged-in session; otherwise `auth.required` / `session.expired` (pages redirect to /login). */
    async user(req: FastifyRequest): Promise<Session & { subject: string }> {
      const found = await store.load(readCookie(req), req.id);
      if (found.state === 'expired' && found.subject) throw new AppError('session.expired');
      if (found.state !== 'active' || !found.session.subject) throw new AppError('auth.required');
      return found.session as Session & { subject: string };
    },

    async optionalUser(req: FastifyRequest): Promise<(Session & { subject: string }) | undefined> {
      const found = await store.load(readCookie(req), req.id);
      return found.state === 'active' && found.session.subject
        ? (found.session as Session & { subject: string })
        : undefined;
    },

    async existing(req: FastifyRequest): Promise<Session | undefined> {
      const found = await store.load(readCookie(req), req.id);
      return found.state === 'active' ? found.session : undefined;
    },

    /** Synchronizer token: every form and the login API carry the session's CSRF token. */
    checkCsrf(session: Session, token: unknown): void {
      if (typeof token !== 'string' || !sameToken(token, session.csrfToken))
        throw new AppError('csrf.invalid');
    },

    /**
     * Second line against cross-site requests for the whole site (also for anonymous forms like
     * the inquiry form): browsers send Origin and Sec-Fetch-Site on POST, and both must say
     * "this site".
     */
    checkOrigin(req: FastifyRequest): void {
      const origin = req.headers.origin;
      if (typeof origin === 'string' && origin !== 'null' && !options.allowedOrigins().includes(origin))
        throw new AppError('csrf.invalid');
      if (origin === 'null') throw new AppError('csrf.invalid');
      if (req.headers['sec-fetch-site'] === 'cross-site') throw new AppError('csrf.invalid');
    },

    /** The origin a login signature is bound to: the page's own origin, if it is one of ours. */
    siteOf(req: FastifyRequest): string {
      const origin = req.headers.origin;
      const allowed = options.allowedOrigins();
      if (typeof origin === 'string' && allowed.includes(origin)) return origin;
      return allowed[0] as string;
    },
  };
}

export type WebSessions = ReturnType<typeof createWebSessions>;

/** The origins the portal answers as: its public URL, plus the loopback aliases in development. */
export function allowedOrigins(publicUrl: string, port: number, production: boolean): string[] {
  const origins = [new URL(publicUrl).origin];
  if (!production)
    for (const host of ['127.0.0.1', 'localhost']) {
      const o = `http://${host}:${port}`;
      if (!origins.includes(o)) origins.push(o);
    }
  return origins;
}
