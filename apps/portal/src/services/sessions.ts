import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import type { PortalDB } from '../data/schema.ts';
import {
  deleteSession,
  deleteStaleSessions,
  findSession,
  insertSession,
  touchSession,
} from '../data/sessions.ts';

/** 30 minutes idle, 8 hours absolute; last-seen is written at most once a minute per session. */
export const sessionPolicy = {
  idleMs: 30 * 60_000,
  absoluteMs: 8 * 3600_000,
  touchEveryMs: 60_000,
} as const;

export interface Session {
  id: string;
  idHash: Buffer;
  subject: string | null;
  csrfToken: string;
}

export type SessionLookup =
  | { state: 'none' }
  | { state: 'active'; session: Session }
  | { state: 'expired'; subject: string | null };

export function hashSessionId(id: string): Buffer {
  return createHash('sha256').update(id).digest();
}

const idPattern = /^[A-Za-z0-9_-]{43}$/;

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Server-side sessions: the cookie holds a random id, the database holds its hash and the state. */
export function createSessionStore(db: Kysely<PortalDB>) {
  return {
    /** A new session id and CSRF token, not yet stored (the login stores it in its own statement). */
    mint(subject: string | null, now = new Date()): Session & { expiresAt: Date } {
      const id = newToken();
      return {
        id,
        idHash: hashSessionId(id),
        subject,
        csrfToken: newToken(),
        expiresAt: new Date(now.getTime() + sessionPolicy.absoluteMs),
      };
    },

    async create(subject: string | null, now = new Date(), trx: Kysely<PortalDB> = db): Promise<Session> {
      const id = newToken();
      const session = { id, idHash: hashSessionId(id), subject, csrfToken: newToken() };
      await insertSession(trx, {
        id_hash: session.idHash,
        subject,
        csrf_token: session.csrfToken,
        expires_at: new Date(now.getTime() + sessionPolicy.absoluteMs),
        last_seen_at: now,
      });
      return session;
    },

    async load(id: string | undefined, requestId: string, now = new Date()): Promise<SessionLookup> {
      if (!id || !idPattern.test(id)) return { state: 'none' };
      const idHash = hashSessionId(id);
      const row = await findSession(db, idHash);
      if (!row) return { state: 'none' };
      const idle = now.getTime() - row.last_seen_at.getTime() > sessionPolicy.idleMs;
      if (idle || row.expires_at <= now) {
        await db.transaction().execute(async (trx) => {
          const deleted = await deleteSession(trx, idHash);
          if (deleted && row.subject)
            await writeAudit(trx, {
              type: 'session.ended',
              actor: `resident:${row.subject}`,
              purpose: 'ログインの管理 (session management)',
              requestId,
              subject: `account:${row.subject}`,
              outcome: 'success',
              detail: { reason: idle ? 'idle_timeout' : 'absolute_timeout' },
            });
        });
        return { state: 'expired', subject: row.subject };
      }
      if (now.getTime() - row.last_seen_at.getTime() > sessionPolicy.touchEveryMs)
        await touchSession(db, idHash, now);
      return { state: 'active', session: { id, idHash, subject: row.subject, csrfToken: row.csrf_token } };
    },

    async end(session: Session, requestId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const deleted = await deleteSession(trx, session.idHash);
        if (deleted && session.subject)
          await writeAudit(trx, {
            type: 'session.ended',
            actor: `resident:${session.subject}`,
            purpose: 'ログインの管理 (session management)',
            requestId,
            subject: `account:${session.subject}`,
            outcome: 'success',
            detail: { reason: 'logout' },
          });
      });
    },

    async sweep(now = new Date()): Promise<number> {
      return deleteStaleSessions(db, now, new Date(now.getTime() - sessionPolicy.idleMs));
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
