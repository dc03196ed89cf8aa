import { createPublicKey, type KeyObject } from 'node:crypto';
import { nodeWebCrypto, x509 } from './crypto-setup.ts';
import { PkiError } from './errors.ts';
import { derToPem, toArrayBuffer } from './pem.ts';
import { assertRsa2048 } from './signer.ts';
import { rsaSha256, webPublicKey } from './signer-crypto.ts';

const maxCsrBytes = 16 * 1024;

/** PKCS#10 request signed with the key it carries (proof of possession). */
export async function createCsr(o: {
  privateKey: KeyObject;
  publicKey: KeyObject;
  subject?: string;
}): Promise<string> {
  const privateKey = await nodeWebCrypto.subtle.importKey(
    'pkcs8',
    toArrayBuffer(o.privateKey.export({ type: 'pkcs8', format: 'der' })),
    rsaSha256,
    false,
    ['sign'],
  );
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: o.subject ?? 'CN=madoguchi card key',
    keys: { privateKey, publicKey: await webPublicKey(o.publicKey) },
    signingAlgorithm: rsaSha256,
  });
  return derToPem(csr.rawData, 'CERTIFICATE REQUEST');
}

/**
 * Checks a CSR's self-signature (sha256WithRSAEncryption, RSA-2048) and returns its key. The subject
 * and any requested extensions are ignored: the CA decides the profile.
 */
export async function readCsr(pem: string): Promise<{ publicKey: KeyObject }> {
  const invalid = (reason: string, cause?: unknown) =>
    new PkiError('certificate.request_invalid', reason, { cause });
  if (typeof pem !== 'string' || pem.length === 0 || Buffer.byteLength(pem) > maxCsrBytes) {
    throw invalid('CSR is empty or too large');
  }
  if (!pem.includes('-----BEGIN CERTIFICATE REQUEST-----')) throw invalid('not a PEM certificate request');
  let csr: x509.Pkcs10CertificateRequest;
  let publicKey: KeyObject;
  try {
    csr = new x509.Pkcs10CertificateRequest(pem);
    publicKey = createPublicKey({ key: Buffer.from(csr.publicKey.rawData), format: 'der', type: 'spki' });
  } catch (cause) {
    throw invalid('CSR does not parse', cause);
  }
  assertRsa2048(publicKey, 'certificate.request_invalid');
  // The library types it with the DOM's Algorithm, which this project's lib settings do not load.
  const algorithm = csr.signatureAlgorithm as unknown as { name: string; hash: { name: string } };
  if (algorithm.name !== 'RSASSA-PKCS1-v1_5' || algorithm.hash.name !== 'SHA-256') {
    throw invalid(`CSR signature algorithm ${algorithm.name}/${algorithm.hash.name}`);
  }
  let ok = false;
  try {
    ok = await csr.verify();
  } catch (cause) {
    throw invalid('CSR signature does not verify', cause);
  }
  if (!ok) throw invalid('CSR signature does not verify');
  return { publicKey };
}
