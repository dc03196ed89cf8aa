/** Server-side sessions in SQLite: the cookie holds a random id, the store holds only its SHA-256. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '@madoguchi/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { rowAs, type Store, type UserRow } from './store.ts';

const COOKIE = 'ed_session';
const TTL_MS = 8 * 3600_000;
const sha = (s: string) => createHash('sha256').update(s).digest('base64url');

export interface WebSession {
  user: UserRow;
  csrf: string;
}

function cookieValue(req: FastifyRequest): string | undefined {
  return new RegExp(`(?:^|;\\s*)${COOKIE}=([A-Za-z0-9_-]{43})(?:;|$)`).exec(req.headers.cookie ?? '')?.[1];
}

export function currentSession(store: Store, req: FastifyRequest): WebSession | undefined {
  const id = cookieValue(req);
  if (!id) return undefined;
  const row = rowAs<{ user_id: string; csrf: string; expires_at: number }>(
    store.prepare('select user_id, csrf, expires_at from sessions where id_hash = ?').get(sha(id)),
  );
  if (!row || row.expires_at < Date.now()) return undefined;
  const user = rowAs<UserRow>(store.prepare('select * from users where id = ?').get(row.user_id));
  return user ? { user, csrf: row.csrf } : undefined;
}

export function startSession(store: Store, reply: FastifyReply, userId: string): void {
  const id = randomBytes(32).toString('base64url');
  store
    .prepare('insert into sessions (id_hash, user_id, csrf, expires_at) values (?, ?, ?, ?)')
    .run(sha(id), userId, randomBytes(24).toString('base64url'), Date.now() + TTL_MS);
  store.prepare('delete from sessions where expires_at < ?').run(Date.now());
  reply.header('set-cookie', `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${TTL_MS / 1000}`);
}

export function endSession(store: Store, req: FastifyRequest, reply: FastifyReply): void {
  const id = cookieValue(req);
  if (id) store.prepare('delete from sessions where id_hash = ?').run(sha(id));
  reply.header('set-cookie', `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
}

export function requireCsrf(session: WebSession, token: unknown): void {
  const a = Buffer.from(String(token ?? ''));
  const b = Buffer.from(session.csrf);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new AppError('csrf.invalid');
}
