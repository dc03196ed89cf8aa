import { writeAudit } from '@madoguchi/audit';
import { AppError } from '@madoguchi/errors';
import { parseCertificate, serialOf } from '@madoguchi/pki';
import { findCertificateWithPerson } from '../data/certificates.ts';
import type { Caller, JpkiContext } from './context.ts';

export interface ResidentRef {
  municipalityCode: string;
  residentId: string;
}

/**
 * The hub's question after a card login at the portal: which municipality's resident holds this
 * authentication certificate. Only a certificate this authority issued, byte for byte, is answered (as
 * in identify.ts); the answer is the agency's own reference, never a My Number.
 */
export async function residentRefOf(
  ctx: JpkiContext,
  caller: Caller,
  certificateDer: Buffer,
): Promise<ResidentRef> {
  const cert = parseCertificate(certificateDer);
  const serial = serialOf(cert);
  const stored = await findCertificateWithPerson(ctx.db, serial);
  if (stored?.kind !== 'auth' || !Buffer.from(cert.raw).equals(parseCertificate(stored.certificatePem).raw))
    throw new AppError('resource.not_found');
  return ctx.db.transaction().execute(async (trx) => {
    // The person row is read in the audited transaction; `agency:<municipality>:<resident uuid>`.
    const person = await trx
      .selectFrom('person')
      .select('resident_ref')
      .where('id', '=', stored.personId)
      .executeTakeFirstOrThrow();
    const [, municipalityCode, residentId] = person.resident_ref.split(':') as [string, string, string];
    await writeAudit(trx, {
      type: 'certificate.identified',
      actor: caller.actor,
      onBehalfOf: `person:${stored.personId}`,
      purpose: '情報提供ネットワークシステムの符号取得 (portal link code after card login)',
      requestId: caller.requestId,
      subject: `certificate:${serial}`,
      outcome: 'success',
      detail: { relyingParty: 'hub' },
    });
    return { municipalityCode, residentId };
  });
}
