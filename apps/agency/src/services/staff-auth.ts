import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '@madoguchi/errors';

const staffIdPattern = /^[A-Za-z0-9._@-]{1,64}$/;

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function isValidStaffId(id: string): boolean {
  return staffIdPattern.test(id);
}

/**
 * Staff authentication until staff SSO exists: one shared staff token proves "works here", and
 * the staff id names the person for the audit trail. Sessions are HMAC-signed cookies with an
 * expiry, so the server keeps no session state.
 */
export function checkStaffToken(token: string, expected: string): void {
  if (!equal(token, expected)) throw new AppError('auth.invalid_credentials');
}

export function signStaffSession(
  staffId: string,
  secret: string,
  now = Date.now(),
  ttlMs = 8 * 3600_000,
): string {
  const payload = `${staffId}.${now + ttlMs}`;
  const mac = createHmac('sha256', secret).update(payload).digest('base64url');
  return `${payload}.${mac}`;
}

export function verifyStaffSession(
  cookie: string | undefined,
  secret: string,
  now = Date.now(),
): string | undefined {
  if (!cookie) return undefined;
  const parts = cookie.split('.');
  if (parts.length < 3) return undefined;
  const mac = parts.pop() as string;
  const expiry = Number(parts.pop());
  const staffId = parts.join('.');
  const expected = createHmac('sha256', secret).update(`${staffId}.${expiry}`).digest('base64url');
  if (!equal(mac, expected) || !Number.isFinite(expiry) || expiry < now || !isValidStaffId(staffId))
    return undefined;
  return staffId;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}
