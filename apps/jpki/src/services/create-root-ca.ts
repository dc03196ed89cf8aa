import 'reflect-metadata';
import { createPrivateKey, webcrypto } from 'node:crypto';
import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import * as x509 from '@peculiar/x509';
import { findCaCertificate, insertCaKey } from '../data/ca-keys.ts';
import type { JpkiDB } from '../data/schema.ts';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const rsa = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
} as const;

export const rootSubject = 'C=JP, O=madoguchi, OU=JPKI, CN=madoguchi JPKI Root CA';

/**
 * Creates the root CA on first run: RSA-2048 / SHA-256, 20 years, CA:true (critical), keyCertSign
 * and cRLSign (critical), subject key identifier. The private key is stored encrypted; the
 * passphrase stays in config.
 */
export async function ensureRootCa(
  db: Kysely<JpkiDB>,
  passphrase: string,
  now = new Date(),
): Promise<{ created: boolean; pem: string }> {
  const existing = await findCaCertificate(db, 'root');
  if (existing) return { created: false, pem: existing };
  const keys = (await webcrypto.subtle.generateKey(rsa, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 20);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)))
      .toString('hex')
      .replace(/^[89a-f]/, '1'),
    name: rootSubject,
    notBefore: now,
    notAfter,
    signingAlgorithm: rsa,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const encrypted = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })
    .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase })
    .toString();
  const pem = cert.toString('pem');
  const created = await db.transaction().execute(async (trx) => {
    const inserted = await insertCaKey(trx, {
      name: 'root',
      certificate_pem: pem,
      encrypted_private_key_pem: encrypted,
    });
    if (inserted) {
      await writeAudit(trx, {
        type: 'ca.root_created',
        actor: 'system:jpki',
        purpose: '認証局の初期化 (CA initialisation)',
        requestId: 'boot',
        subject: `certificate:${cert.serialNumber}`,
        outcome: 'success',
      });
    }
    return inserted;
  });
  if (!created) return { created: false, pem: (await findCaCertificate(db, 'root')) as string };
  return { created: true, pem };
}
