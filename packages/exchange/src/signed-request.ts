/**
 * Signed requests between the network's participants (agency → hub, hub → agency, portal → hub).
 * We chose request signatures over mutual TLS: every app here speaks plain HTTP behind whatever TLS
 * terminator a deployment uses, and a signature survives that terminator and names the agency in the
 * audit trail. See docs/exchange.md.
 *
 * Signed string (UTF-8, lines joined by "\n"):
 *   madoguchi-request-v1
 *   <METHOD upper case>
 *   <path and query exactly as sent>
 *   <agency code>
 *   <unix seconds>
 *   <nonce: 22 base64url chars>
 *   <base64url SHA-256 of the body bytes (of the empty string when there is none)>
 */
import { createHash, type KeyObject, randomBytes, sign, verify } from 'node:crypto';

export const SIGNATURE_HEADERS = {
  agency: 'madoguchi-agency',
  timestamp: 'madoguchi-timestamp',
  nonce: 'madoguchi-nonce',
  signature: 'madoguchi-signature',
} as const;

/** How far a request's clock may be from ours, either way. */
export const SIGNATURE_WINDOW_SECONDS = 60;

export function signingString(p: {
  method: string;
  path: string;
  agency: string;
  timestamp: string;
  nonce: string;
  body: string | Uint8Array;
}): string {
  const digest = createHash('sha256').update(p.body).digest('base64url');
  return [
    'madoguchi-request-v1',
    p.method.toUpperCase(),
    p.path,
    p.agency,
    p.timestamp,
    p.nonce,
    digest,
  ].join('\n');
}

/** The four headers for a request `agency` sends with `body` (the exact bytes or string on the wire). */
export function signRequest(p: {
  agency: string;
  key: KeyObject;
  method: string;
  path: string;
  body: string | Uint8Array;
  now?: Date;
}): Record<string, string> {
  const timestamp = String(Math.floor((p.now ?? new Date()).getTime() / 1000));
  const nonce = randomBytes(16).toString('base64url');
  const sig = sign(null, Buffer.from(signingString({ ...p, timestamp, nonce })), p.key).toString('base64url');
  return {
    [SIGNATURE_HEADERS.agency]: p.agency,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: sig,
  };
}

export type SignatureFailure =
  | 'missing'
  | 'malformed'
  | 'unknown_agency'
  | 'stale'
  | 'replayed'
  | 'bad_signature';

export type SignatureCheck = { ok: true; agency: string } | { ok: false; reason: SignatureFailure };

/**
 * Remembers nonces for the signature window so a captured request cannot be sent again. In memory:
 * one hub process per deployment today (docs/exchange.md says what changes with more).
 */
export class NonceCache {
  #seen = new Map<string, number>();
  #lastSweep = 0;

  /** False when the nonce was already used within the window. */
  remember(agency: string, nonce: string, nowSeconds: number): boolean {
    if (nowSeconds - this.#lastSweep > SIGNATURE_WINDOW_SECONDS) {
      for (const [k, t] of this.#seen)
        if (t < nowSeconds - 2 * SIGNATURE_WINDOW_SECONDS) this.#seen.delete(k);
      this.#lastSweep = nowSeconds;
    }
    const key = `${agency}\0${nonce}`;
    if (this.#seen.has(key)) return false;
    this.#seen.set(key, nowSeconds);
    return true;
  }
}

type HeaderBag = Record<string, string | string[] | undefined>;

function one(h: HeaderBag, name: string): string | undefined {
  const v = h[name];
  return typeof v === 'string' ? v : undefined;
}

/** Checks the signature headers of a received request. `keyOf` returns the agency's key or undefined. */
export function verifySignedRequest(p: {
  headers: HeaderBag;
  method: string;
  path: string;
  body: string | Uint8Array;
  keyOf: (agency: string) => KeyObject | undefined;
  nonces: NonceCache;
  now?: Date;
}): SignatureCheck {
  const agency = one(p.headers, SIGNATURE_HEADERS.agency);
  const timestamp = one(p.headers, SIGNATURE_HEADERS.timestamp);
  const nonce = one(p.headers, SIGNATURE_HEADERS.nonce);
  const signature = one(p.headers, SIGNATURE_HEADERS.signature);
  if (agency === undefined || timestamp === undefined || nonce === undefined || signature === undefined)
    return { ok: false, reason: 'missing' };
  if (
    !/^[a-z0-9-]{1,32}$/.test(agency) ||
    !/^[0-9]{1,12}$/.test(timestamp) ||
    !/^[A-Za-z0-9_-]{22}$/.test(nonce) ||
    !/^[A-Za-z0-9_-]{86}$/.test(signature)
  )
    return { ok: false, reason: 'malformed' };
  const key = p.keyOf(agency);
  if (key === undefined) return { ok: false, reason: 'unknown_agency' };
  const nowSeconds = Math.floor((p.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS)
    return { ok: false, reason: 'stale' };
  const data = Buffer.from(
    signingString({ method: p.method, path: p.path, agency, timestamp, nonce, body: p.body }),
  );
  if (!verify(null, data, key, Buffer.from(signature, 'base64url')))
    return { ok: false, reason: 'bad_signature' };
  // Remember the nonce only after the signature holds, so forged requests cannot burn real nonces.
  if (!p.nonces.remember(agency, nonce, nowSeconds)) return { ok: false, reason: 'replayed' };
  return { ok: true, agency };
}
