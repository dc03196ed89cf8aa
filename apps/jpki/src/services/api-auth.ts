import { timingSafeEqual } from 'node:crypto';
import { AppError } from '@madoguchi/errors';

const staffIdPattern = /^[A-Za-z0-9._@-]{1,64}$/;

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Checks `Authorization: Bearer <token>` against the configured key in constant time. */
export function requireBearer(authorization: string | undefined, expected: string): void {
  const token = /^Bearer ([\x21-\x7e]+)$/.exec(authorization ?? '')?.[1];
  if (!token) throw new AppError('auth.required');
  if (!equal(token, expected)) throw new AppError('auth.invalid_credentials');
}

/**
 * Staff authentication until staff SSO exists: the shared staff token proves "works at a
 * municipal office", the staff id names the person for the audit trail.
 */
export function requireStaff(
  headers: { authorization?: string | undefined; 'x-staff-id'?: string | string[] | undefined },
  staffToken: string,
): string {
  requireBearer(headers.authorization, staffToken);
  const staffId = headers['x-staff-id'];
  if (typeof staffId !== 'string' || !staffIdPattern.test(staffId))
    throw new AppError('auth.invalid_credentials');
  return `staff:${staffId}`;
}
