import type { KeyObject, webcrypto } from 'node:crypto';
import { nodeWebCrypto } from './crypto-setup.ts';
import { toArrayBuffer } from './pem.ts';
import type { Signer } from './signer.ts';

export const rsaSha256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

export function spkiDer(publicKey: KeyObject): Buffer {
  return publicKey.export({ type: 'spki', format: 'der' });
}

/** The WebCrypto public key; the generators read the signing algorithm from a key's `algorithm`. */
export function webPublicKey(publicKey: KeyObject): Promise<webcrypto.CryptoKey> {
  return nodeWebCrypto.subtle.importKey('spki', toArrayBuffer(spkiDer(publicKey)), rsaSha256, true, [
    'verify',
  ]);
}

/**
 * A WebCrypto stand-in whose `sign` goes to the Signer, so @peculiar/x509's generators never touch a
 * private key. They pass the key given as `signingKey` back to `sign`; the Signer ignores it.
 */
export function signerCrypto(signer: Signer): webcrypto.Crypto {
  const subtle = nodeWebCrypto.subtle;
  const shim = {
    sign: async (_algorithm: unknown, _key: unknown, data: webcrypto.BufferSource) => {
      const bytes = ArrayBuffer.isView(data)
        ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
        : new Uint8Array(data);
      return toArrayBuffer(await signer.sign(bytes));
    },
    digest: (algorithm: webcrypto.AlgorithmIdentifier, data: webcrypto.BufferSource) =>
      subtle.digest(algorithm, data),
    exportKey: (format: 'spki', key: webcrypto.CryptoKey) => subtle.exportKey(format, key),
    importKey: (...args: Parameters<webcrypto.SubtleCrypto['importKey']>) => subtle.importKey(...args),
    verify: (...args: Parameters<webcrypto.SubtleCrypto['verify']>) => subtle.verify(...args),
  };
  return {
    subtle: shim,
    getRandomValues: (array: Uint8Array) => nodeWebCrypto.getRandomValues(array),
  } as unknown as webcrypto.Crypto;
}
