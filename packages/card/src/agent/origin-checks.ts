import { timingSafeEqual } from 'node:crypto';
import { AppError } from '@madoguchi/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const defaultAllowedOrigins = ['http://127.0.0.1:3000', 'http://localhost:3000'];

export function normalizeOrigin(origin: string): string {
  return new URL(origin).origin;
}

/**
 * CORS for the /v1 API: the portal origins may read answers; anyone else gets no
 * Access-Control-Allow-Origin (the browser hides the answer) and, for writes, a 403.
 */
export function applyCors(
  req: FastifyRequest,
  reply: FastifyReply,
  allowed: ReadonlySet<string>,
): string | undefined {
  reply.header('vary', 'Origin');
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || !allowed.has(origin)) return undefined;
  reply.header('access-control-allow-origin', origin);
  // The shared security headers say same-origin; the portal's fetch is cross-origin by design.
  reply.header('cross-origin-resource-policy', 'cross-origin');
  return origin;
}

export function requireAllowedOrigin(
  req: FastifyRequest,
  reply: FastifyReply,
  allowed: ReadonlySet<string>,
): string {
  const origin = applyCors(req, reply, allowed);
  if (!origin) throw new AppError('agent.origin_forbidden');
  return origin;
}

/**
 * The agent answers only to its own host names. A DNS-rebinding page (evil.example resolving to
 * 127.0.0.1) would arrive with Host: evil.example and is refused before any route runs.
 */
export function isOwnHost(host: string | undefined, port: number, listenHost: string): boolean {
  const names = [
    '127.0.0.1',
    'localhost',
    '[::1]',
    listenHost.includes(':') ? `[${listenHost}]` : listenHost,
  ];
  return names.some((n) => host === `${n}:${port}`);
}

/**
 * The approval form may be posted only by the agent's own page: Origin must be the agent's own
 * origin (Sec-Fetch-Site, when the browser sends it, must agree) and the form token must match.
 */
export function checkOwnForm(req: FastifyRequest, formToken: string, expected: string): void {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  const own = `http://${req.headers.host}`;
  const a = Buffer.from(formToken);
  const b = Buffer.from(expected);
  const tokenOk = a.length === b.length && timingSafeEqual(a, b);
  if (origin !== own || (site !== undefined && site !== 'same-origin') || !tokenOk)
    throw new AppError('csrf.invalid');
}
