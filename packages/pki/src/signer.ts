import {
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  type KeyObject,
  randomBytes,
  sign as rsaSign,
} from 'node:crypto';
import { PkiError } from './errors.ts';

/**
 * Whatever holds a CA (or card) private key. Only RSASSA-PKCS1-v1_5 with SHA-256 is asked of it, so
 * an HSM or a remote signing service can implement it without exposing the key.
 */
export interface Signer {
  readonly publicKey: KeyObject;
  /** RSASSA-PKCS1-v1_5 over SHA-256(data). */
  sign(data: Uint8Array): Promise<Buffer>;
}

export function keyObjectSigner(privateKey: KeyObject): Signer {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'rsa') {
    throw new TypeError('keyObjectSigner needs an RSA private key');
  }
  const publicKey = createPublicKey(privateKey);
  return {
    publicKey,
    sign: async (data) => rsaSign('sha256', data, privateKey),
  };
}

/** Reads an encrypted PKCS#8 PEM (as written by `encryptPrivateKey`); a wrong passphrase throws here, at boot. */
export function fileKeySigner(encryptedPkcs8Pem: string, passphrase: string): Signer {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: encryptedPkcs8Pem, format: 'pem', passphrase });
  } catch (cause) {
    throw new Error('cannot decrypt the CA private key (wrong passphrase or not an encrypted PKCS#8 PEM)', {
      cause,
    });
  }
  return keyObjectSigner(key);
}

export function generateRsaKeyPair(): Promise<{ privateKey: KeyObject; publicKey: KeyObject }> {
  return new Promise((resolve, reject) => {
    generateKeyPair('rsa', { modulusLength: 2048, publicExponent: 0x10001 }, (err, publicKey, privateKey) => {
      if (err) reject(err);
      else resolve({ privateKey, publicKey });
    });
  });
}

export function encryptPrivateKey(privateKey: KeyObject, passphrase: string): string {
  if (passphrase.length === 0) throw new TypeError('an empty passphrase does not protect a key');
  return privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }) as string;
}

/** 16 random bytes with the top bit cleared (a positive INTEGER), lowercase hex without leading zeros. */
export function newSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] as number) & 0x7f;
  const hex = bytes.toString('hex').replace(/^0+/, '');
  // All-zero bytes would give '' — astronomically unlikely, but a serial must be positive.
  return hex === '' ? newSerial() : hex;
}

/** RSA-2048 is the only key the profiles allow. */
export function assertRsa2048(
  key: KeyObject,
  code: 'certificate.request_invalid' | 'certificate.malformed',
): void {
  if (key.asymmetricKeyType !== 'rsa' || key.asymmetricKeyDetails?.modulusLength !== 2048) {
    throw new PkiError(code, 'the key is not RSA-2048');
  }
}
