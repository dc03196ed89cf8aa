import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import { revokeCertificate } from '../data/certificates.ts';
import type { CertificateKind, JpkiDB, RevocationReason } from '../data/schema.ts';
import type { CaHierarchy } from './ca-store.ts';
import type { Caller } from './context.ts';
import { publishCrl } from './publish-crl.ts';

export interface Revocation {
  serial: string;
  kind: CertificateKind;
}

/**
 * Revokes certificates inside the caller's transaction, writes one audit row each, and publishes a
 * new CRL for every CA concerned in the same transaction. Returns the serials actually revoked.
 */
export async function revokeAll(
  trx: Kysely<JpkiDB>,
  ca: CaHierarchy,
  caller: Caller & { onBehalfOf: string },
  revocations: Revocation[],
  reason: RevocationReason,
  at: Date,
): Promise<string[]> {
  const done: string[] = [];
  const kinds = new Set<CertificateKind>();
  for (const r of revocations) {
    if (!(await revokeCertificate(trx, r.serial, at, reason))) continue;
    done.push(r.serial);
    kinds.add(r.kind);
    await writeAudit(trx, {
      type: 'certificate.revoked',
      actor: caller.actor,
      onBehalfOf: caller.onBehalfOf,
      purpose: '電子証明書の失効 (certificate revocation)',
      requestId: caller.requestId,
      subject: `certificate:${r.serial}`,
      outcome: 'success',
      detail: { kind: r.kind, reason },
    });
  }
  for (const kind of kinds) await publishCrl(trx, ca, kind, at);
  return done;
}
