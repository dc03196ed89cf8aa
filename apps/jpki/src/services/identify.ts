import { createHmac } from 'node:crypto';
import { writeAudit } from '@madoguchi/audit';
import { AppError } from '@madoguchi/errors';
import { parseCertificate, serialOf } from '@madoguchi/pki';
import { findCertificateWithPerson } from '../data/certificates.ts';
import type { Caller, JpkiContext } from './context.ts';

/** base64url(HMAC-SHA256(secret, `<rp>:<person id>`)): stable across renewals and moves, unlinkable across RPs. */
export function pairwiseSubject(secret: string, relyingParty: string, personId: string): string {
  return createHmac('sha256', secret).update(`${relyingParty}:${personId}`).digest('base64url');
}

/**
 * Maps an authentication certificate to the portal's pairwise subject. Only a certificate this
 * authority issued, byte for byte, is answered: a look-alike with a copied serial is not found.
 * Status (revocation) is the relying party's OCSP check, not this call's.
 */
export async function identify(
  ctx: JpkiContext,
  caller: Caller,
  certificateDer: Buffer,
): Promise<{ subject: string; certificateSerial: string }> {
  const cert = parseCertificate(certificateDer);
  const serial = serialOf(cert);
  const stored = await findCertificateWithPerson(ctx.db, serial);
  if (stored?.kind !== 'auth' || !Buffer.from(cert.raw).equals(parseCertificate(stored.certificatePem).raw))
    throw new AppError('resource.not_found');
  const subject = pairwiseSubject(ctx.config.pairwiseSecret, 'portal', stored.personId);
  await ctx.db.transaction().execute(async (trx) => {
    await writeAudit(trx, {
      type: 'certificate.identified',
      actor: caller.actor,
      onBehalfOf: `person:${stored.personId}`,
      purpose: 'マイナポータルへのログイン (portal login)',
      requestId: caller.requestId,
      subject: `certificate:${serial}`,
      outcome: 'success',
      detail: { relyingParty: 'portal' },
    });
  });
  return { subject, certificateSerial: serial };
}
