import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { type Jwks, jwkThumbprint, publicJwk } from '@madoguchi/http-signatures';

/**
 * Keys the portal derives from PORTAL_WEBHOOK_SECRET (HKDF-SHA256, one label per use, so neither key
 * says anything about the other): the Ed25519 key that signs webhooks to e-delivery, and the AES key
 * that encrypts stored access tokens.
 */
export interface EDeliveryKeys {
  signingKey: KeyObject;
  /** RFC 7638 JWK thumbprint of the public key: changes exactly when the key does. */
  kid: string;
  jwks: Jwks;
  encryptToken(token: string): Buffer;
  decryptToken(sealed: Buffer): string;
}

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410).
const pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');

function derive(secret: string, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), label, 32));
}

export function deriveEDeliveryKeys(secret: string): EDeliveryKeys {
  const seed = derive(secret, 'madoguchi portal webhook signing key (ed25519)');
  const signingKey = createPrivateKey({
    key: Buffer.concat([pkcs8Prefix, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const kid = jwkThumbprint(signingKey);
  const tokenKey = derive(secret, 'madoguchi portal e-delivery access token (aes-256-gcm)');
  return {
    signingKey,
    kid,
    jwks: { keys: [publicJwk(signingKey, kid)] },
    encryptToken(token) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', tokenKey, iv);
      const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptToken(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', tokenKey, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
