/**
 * Ed25519 keys of the exchange network. Every participant's key is derived from one configured secret
 * and a label, so a deployment keeps one secret per app (generated on first run in development, required
 * in production) and many agencies hosted by one app (the 中間サーバー platform) each get their own key.
 */
import { createHmac, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface ExchangeKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The 32-byte raw public key, base64 (standard alphabet): what the hub registry stores. */
  publicKeyB64: string;
}

/** An Ed25519 key from a 32-byte seed. */
export function keyFromSeed(seed: Uint8Array): ExchangeKey {
  if (seed.length !== 32) throw new TypeError('exchange: an Ed25519 seed is 32 bytes');
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyB64: rawPublicKey(publicKey).toString('base64') };
}

/** HMAC-SHA256(secret, "madoguchi exchange key v1\0" + label) as the seed: one key per label. */
export function deriveKey(secret: string, label: string): ExchangeKey {
  const seed = createHmac('sha256', secret).update(`madoguchi exchange key v1\0${label}`).digest();
  return keyFromSeed(seed);
}

export function rawPublicKey(key: KeyObject): Buffer {
  const der = key.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32);
}

/** Parses a registry public key (base64 of the raw 32 bytes); throws TypeError when malformed. */
export function publicKeyFromB64(b64: string): KeyObject {
  const raw = Buffer.from(b64, 'base64');
  if (raw.length !== 32 || raw.toString('base64') !== b64)
    throw new TypeError('exchange: public key must be base64 of 32 bytes');
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
}
