/**
 * Permits (照会許可): what the hub gives a querier after checking the law table, and what the provider's
 * intermediate server checks before answering. A permit is a JWT (RFC 7519) signed with Ed25519
 * ("EdDSA", RFC 8037), so any JOSE library can read it; typ "madoguchi-permit+jwt" keeps it from being
 * mistaken for any other token. It is short-lived and single use: the provider stores `jti` in the same
 * transaction as its answer.
 */
import { type KeyObject, sign, verify } from 'node:crypto';

export const PERMIT_TYP = 'madoguchi-permit+jwt';
/** Long enough for one round trip to a slow provider, short enough that a leaked permit is useless. */
export const PERMIT_LIFETIME_SECONDS = 60;
/** Clock difference tolerated between the hub and a provider. */
export const PERMIT_LEEWAY_SECONDS = 5;

export interface PermitClaims {
  /** Unique id; also the id of the exchange-log entry written for this permit. */
  jti: string;
  iss: 'madoguchi-hub';
  /** The provider's agency code: only that intermediate server accepts the permit. */
  aud: string;
  /** The person, as the provider's own link code (符号). */
  sub: string;
  /** The querier's agency code (情報照会者). */
  azp: string;
  /** 事務 task code from the law table. */
  task: string;
  /** Information types the provider may return, each allowed by the table for this task. */
  info: string[];
  iat: number;
  exp: number;
}

const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');

export function signPermit(claims: PermitClaims, key: KeyObject, kid: string): string {
  const header = b64url(JSON.stringify({ alg: 'EdDSA', typ: PERMIT_TYP, kid }));
  const payload = b64url(JSON.stringify(claims));
  const sig = sign(null, Buffer.from(`${header}.${payload}`), key);
  return `${header}.${payload}.${b64url(sig)}`;
}

export type PermitFailure = 'malformed' | 'bad_signature' | 'wrong_audience' | 'expired' | 'not_yet_valid';

export type PermitCheck = { ok: true; claims: PermitClaims } | { ok: false; reason: PermitFailure };

function isClaims(v: unknown): v is PermitClaims {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return (
    typeof c.jti === 'string' &&
    c.iss === 'madoguchi-hub' &&
    typeof c.aud === 'string' &&
    typeof c.sub === 'string' &&
    typeof c.azp === 'string' &&
    typeof c.task === 'string' &&
    Array.isArray(c.info) &&
    c.info.every((t) => typeof t === 'string') &&
    Number.isSafeInteger(c.iat) &&
    Number.isSafeInteger(c.exp)
  );
}

/** Verifies signature, audience and lifetime. Single use is the caller's job (store `jti`). */
export function verifyPermit(
  token: string,
  hubKey: KeyObject,
  audience: string,
  now = new Date(),
): PermitCheck {
  if (token.length > 4096) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p)))
    return { ok: false, reason: 'malformed' };
  const [h, p, s] = parts as [string, string, string];
  let header: unknown;
  let claims: unknown;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const hd = header as { alg?: unknown; typ?: unknown };
  if (hd?.alg !== 'EdDSA' || hd.typ !== PERMIT_TYP || !isClaims(claims))
    return { ok: false, reason: 'malformed' };
  if (!verify(null, Buffer.from(`${h}.${p}`), hubKey, Buffer.from(s, 'base64url')))
    return { ok: false, reason: 'bad_signature' };
  if (claims.aud !== audience) return { ok: false, reason: 'wrong_audience' };
  const t = Math.floor(now.getTime() / 1000);
  if (t > claims.exp + PERMIT_LEEWAY_SECONDS) return { ok: false, reason: 'expired' };
  if (t < claims.iat - PERMIT_LEEWAY_SECONDS) return { ok: false, reason: 'not_yet_valid' };
  return { ok: true, claims };
}
