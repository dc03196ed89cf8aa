import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '@madoguchi/errors';

/** Equal strings, compared in time that depends on neither content nor length (both are hashed first). */
export function constantTimeEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** Checks `Authorization: Bearer <token>` against a configured token: `auth.required` or `auth.invalid_credentials`. */
export function requireBearer(authorization: string | undefined, expected: string): void {
  const token = /^Bearer ([\x21-\x7e]+)$/.exec(authorization ?? '')?.[1];
  if (!token) throw new AppError('auth.required');
  if (!constantTimeEqual(token, expected)) throw new AppError('auth.invalid_credentials');
}
