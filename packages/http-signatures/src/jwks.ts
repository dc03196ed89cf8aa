/** JWKS for Ed25519 verification keys (RFC 8037 `OKP`), with RFC 7638 thumbprints as key ids. */
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

export interface Ed25519Jwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  use: 'sig';
  alg: 'EdDSA';
}

export interface Jwks {
  keys: Ed25519Jwk[];
}

function rawX(key: KeyObject): string {
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('http-signatures: not an Ed25519 key');
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  const jwk = pub.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new TypeError('http-signatures: key has no x');
  return jwk.x;
}

/** RFC 7638 JWK thumbprint (SHA-256, base64url) of an Ed25519 key: a stable key id. */
export function jwkThumbprint(key: KeyObject): string {
  const canonical = `{"crv":"Ed25519","kty":"OKP","x":"${rawX(key)}"}`;
  return createHash('sha256').update(canonical).digest('base64url');
}

/** The public JWK of an Ed25519 key (a private key is accepted; only its public half is exported). */
export function publicJwk(key: KeyObject, kid: string = jwkThumbprint(key)): Ed25519Jwk {
  return { kty: 'OKP', crv: 'Ed25519', x: rawX(key), kid, use: 'sig', alg: 'EdDSA' };
}

/** Verification keys by kid from a JWKS document; entries that are not Ed25519 OKP keys are skipped. */
export function keysFromJwks(jwks: unknown): Map<string, KeyObject> {
  const out = new Map<string, KeyObject>();
  if (typeof jwks !== 'object' || jwks === null) return out;
  const keys = (jwks as { keys?: unknown }).keys;
  if (!Array.isArray(keys)) return out;
  for (const k of keys) {
    if (typeof k !== 'object' || k === null) continue;
    const { kty, crv, x, kid, d } = k as Record<string, unknown>;
    if (kty !== 'OKP' || crv !== 'Ed25519' || typeof x !== 'string' || typeof kid !== 'string') continue;
    if (d !== undefined) continue; // never accept a private key from a published set
    if (!/^[A-Za-z0-9_-]{43}$/.test(x)) continue;
    try {
      out.set(kid, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' }));
    } catch {
      // An unparseable entry is skipped, like a key of another type.
    }
  }
  return out;
}
