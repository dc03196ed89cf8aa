import { type KeyObject, X509Certificate } from 'node:crypto';
import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import {
  createRootCertificate,
  encryptPrivateKey,
  fileKeySigner,
  generateRsaKeyPair,
  issueCaCertificate,
  issueOcspSignerCertificate,
  keyObjectSigner,
  newSerial,
} from '@madoguchi/pki';
import { findCaKeys, insertCaKey } from '../data/ca-keys.ts';
import type { CaName, JpkiDB } from '../data/schema.ts';
import { caOrder, caParent, caSubjects, caYears } from './ca-names.ts';

function yearsAfter(date: Date, years: number): Date {
  const d = new Date(date);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

async function issue(
  name: CaName,
  publicKey: KeyObject,
  privateKey: KeyObject,
  parent: { certificatePem: string; encryptedKeyPem: string } | undefined,
  passphrase: string,
  now: Date,
): Promise<string> {
  const validity = { notBefore: now, notAfter: yearsAfter(now, caYears[name]), serial: newSerial() };
  const subject = caSubjects[name];
  if (!parent) {
    return createRootCertificate({ subject, signer: keyObjectSigner(privateKey), ...validity });
  }
  const issuer = {
    certificatePem: parent.certificatePem,
    signer: fileKeySigner(parent.encryptedKeyPem, passphrase),
  };
  if (name === 'ocsp-sign' || name === 'ocsp-auth')
    return issueOcspSignerCertificate({ issuer, subject, publicKey, ...validity });
  return issueCaCertificate({ issuer, subject, publicKey, pathLength: 0, ...validity });
}

/**
 * Creates whatever part of the CA hierarchy is missing (development and test; production imports keys).
 * Each key is inserted with "do nothing on conflict", so when two processes boot together one wins
 * each name and the loser re-reads the winner's certificate before issuing the next level under it.
 * Returns the names this call created.
 */
export async function ensureCaHierarchy(
  db: Kysely<JpkiDB>,
  passphrase: string,
  now = new Date(),
  names: readonly CaName[] = caOrder,
): Promise<CaName[]> {
  const created: CaName[] = [];
  for (const name of names) {
    const existing = await findCaKeys(db);
    if (existing.has(name)) continue;
    const parentName = caParent[name];
    const parentRow = parentName ? existing.get(parentName) : undefined;
    if (parentName && !parentRow)
      throw new Error(`cannot create CA ${name}: its parent ${parentName} is missing`);
    const { privateKey, publicKey } = await generateRsaKeyPair();
    const pem = await issue(
      name,
      publicKey,
      privateKey,
      parentRow && {
        certificatePem: parentRow.certificate_pem,
        encryptedKeyPem: parentRow.encrypted_private_key_pem,
      },
      passphrase,
      now,
    );
    const inserted = await db.transaction().execute(async (trx) => {
      const ok = await insertCaKey(trx, {
        name,
        certificate_pem: pem,
        encrypted_private_key_pem: encryptPrivateKey(privateKey, passphrase),
      });
      if (ok) await auditCaCreated(trx, name, pem, 'boot', {});
      return ok;
    });
    if (inserted) created.push(name);
  }
  return created;
}

export async function auditCaCreated(
  trx: Kysely<JpkiDB>,
  name: CaName,
  pem: string,
  requestId: string,
  detail: Record<string, string | boolean>,
): Promise<void> {
  await writeAudit(trx, {
    type: name === 'root' ? 'ca.root_created' : 'ca.issuer_created',
    actor: 'system:jpki',
    purpose: '認証局の初期化 (CA initialisation)',
    requestId,
    subject: `certificate:${new X509Certificate(pem).serialNumber.toLowerCase()}`,
    outcome: 'success',
    detail: { ca: name, ...detail },
  });
}
