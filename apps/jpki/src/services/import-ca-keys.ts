import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import type { Kysely } from '@madoguchi/db';
import { encryptPrivateKey } from '@madoguchi/pki';
import { findCaKeys, insertCaKey } from '../data/ca-keys.ts';
import type { CaName, JpkiDB } from '../data/schema.ts';
import { caOrder, caParent } from './ca-names.ts';
import { auditCaCreated } from './create-ca-hierarchy.ts';

const ocspSigningOid = '1.3.6.1.5.5.7.3.9';

export interface CaKeyImport {
  name: CaName;
  certificatePem: string;
  /** PKCS#8 PEM, either unencrypted or encrypted under JPKI_KEY_PASSPHRASE; stored encrypted. */
  privateKeyPem: string;
}

function readKey(pem: string, passphrase: string): KeyObject {
  return pem.includes('ENCRYPTED')
    ? createPrivateKey({ key: pem, format: 'pem', passphrase })
    : createPrivateKey({ key: pem, format: 'pem' });
}

/**
 * Production key import (production never generates CA keys). Checks every key matches its
 * certificate and every certificate was signed by its parent in the hierarchy (imported now or
 * already stored), then stores all of them in one transaction with one audit row each. Refuses a
 * name that is already present: replacing a CA key is a key ceremony, not an import.
 */
export async function importCaKeys(
  db: Kysely<JpkiDB>,
  passphrase: string,
  keys: CaKeyImport[],
  requestId = 'import',
): Promise<CaName[]> {
  const stored = await findCaKeys(db);
  const byName = new Map<CaName, X509Certificate>();
  for (const [name, row] of stored) byName.set(name, new X509Certificate(row.certificate_pem));
  const rows: { name: CaName; pem: string; encrypted: string }[] = [];
  for (const name of caOrder) {
    const k = keys.find((x) => x.name === name);
    if (!k) continue;
    if (stored.has(name)) throw new Error(`CA key ${name} is already stored; refusing to replace it`);
    const cert = new X509Certificate(k.certificatePem);
    const key = readKey(k.privateKeyPem, passphrase);
    if (!cert.checkPrivateKey(key))
      throw new Error(`the private key for ${name} does not match its certificate`);
    const parentName = caParent[name];
    const parent = parentName ? byName.get(parentName) : cert;
    if (!parent)
      throw new Error(`cannot import ${name}: its parent ${parentName} is neither stored nor imported`);
    if (!cert.verify(parent.publicKey))
      throw new Error(`the certificate of ${name} is not signed by ${parentName ?? 'itself'}`);
    const isOcsp = name === 'ocsp-sign' || name === 'ocsp-auth';
    if (isOcsp ? !cert.keyUsage?.includes(ocspSigningOid) : !cert.ca)
      throw new Error(
        `the certificate of ${name} is not ${isOcsp ? 'an OCSP signer (EKU OCSPSigning)' : 'a CA'}`,
      );
    byName.set(name, cert);
    rows.push({ name, pem: k.certificatePem, encrypted: encryptPrivateKey(key, passphrase) });
  }
  await db.transaction().execute(async (trx) => {
    for (const r of rows) {
      if (
        !(await insertCaKey(trx, {
          name: r.name,
          certificate_pem: r.pem,
          encrypted_private_key_pem: r.encrypted,
        }))
      )
        throw new Error(`CA key ${r.name} appeared while importing; nothing was imported`);
      await auditCaCreated(trx, r.name, r.pem, requestId, { imported: true });
    }
  });
  return rows.map((r) => r.name);
}
