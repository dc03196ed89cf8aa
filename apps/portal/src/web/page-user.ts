import { AppError } from '@madoguchi/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Session } from '../services/sessions.ts';
import type { WebSessions } from './session-cookie.ts';

/** Pages behind login send people to the login page (saying why) instead of showing an error. */
export async function userOrRedirect(
  web: WebSessions,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<(Session & { subject: string }) | undefined> {
  try {
    return await web.user(req);
  } catch (err) {
    if (err instanceof AppError && (err.code === 'auth.required' || err.code === 'session.expired')) {
      await reply.redirect(err.code === 'session.expired' ? '/login?notice=sessionExpired' : '/login', 303);
      return undefined;
    }
    throw err;
  }
}

/** A page about the person: never cached anywhere. */
export function sendHtml(reply: FastifyReply, body: string, status = 200) {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
}
