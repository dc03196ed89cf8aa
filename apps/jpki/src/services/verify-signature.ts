import { writeAudit } from '@madoguchi/audit';
import { AppError } from '@madoguchi/errors';
import {
  type BasicFacts,
  parseCertificate,
  readBasicFacts,
  serialOf,
  verifyChain,
  verifyDetached,
} from '@madoguchi/pki';
import { findCertificateWithPerson } from '../data/certificates.ts';
import type { Caller, JpkiContext } from './context.ts';

/** A signing time this far ahead of the clock is a lie, not skew. */
const maxSkewMs = 5 * 60_000;

const chainErrors = {
  untrusted: 'certificate.untrusted',
  expired: 'certificate.expired',
  not_yet_valid: 'certificate.not_yet_valid',
} as const;

export interface VerifyResult {
  valid: true;
  signedAt: string;
  certificate: { serial: string; notBefore: string; notAfter: string; statusAtSigning: 'good' };
  signer: BasicFacts;
}

/**
 * The verification service: signature math and messageDigest → chain to the signature CA at the
 * signing time → issued by this authority (byte-equal to the stored certificate) → status at the
 * signing time (revoked after signing still verifies) → the signer's basic facts.
 */
export async function verifySignature(
  ctx: JpkiContext,
  caller: Caller,
  input: { signature: Buffer; content: Buffer },
  now = new Date(),
): Promise<VerifyResult> {
  const ca = await ctx.ca.get();
  const verified = await verifyDetached(input);
  const signedAt = verified.signingTime ?? now;
  if (signedAt.getTime() > now.getTime() + maxSkewMs) throw new AppError('signature.invalid');
  const leaf = parseCertificate(verified.signerCertificatePem);
  const chain = verifyChain({
    leaf,
    issuer: ca.issuing.sign.certificate,
    root: ca.root.certificate,
    at: signedAt,
  });
  if (chain !== 'ok') throw new AppError(chainErrors[chain]);
  const serial = serialOf(leaf);
  const stored = await findCertificateWithPerson(ctx.db, serial);
  if (stored?.kind !== 'sign' || !Buffer.from(leaf.raw).equals(parseCertificate(stored.certificatePem).raw))
    throw new AppError('certificate.untrusted');
  if (stored.revokedAt && stored.revokedAt.getTime() <= signedAt.getTime())
    throw new AppError('certificate.revoked');
  const facts = readBasicFacts(stored.certificatePem);
  if (!facts) throw new AppError('certificate.untrusted');
  await ctx.db.transaction().execute(async (trx) => {
    await writeAudit(trx, {
      type: 'signature.verified',
      actor: caller.actor,
      onBehalfOf: `person:${stored.personId}`,
      purpose: '電子署名の検証 (signature verification)',
      requestId: caller.requestId,
      subject: `certificate:${serial}`,
      outcome: 'success',
    });
  });
  return {
    valid: true,
    signedAt: signedAt.toISOString(),
    certificate: {
      serial,
      notBefore: stored.notBefore.toISOString(),
      notAfter: stored.notAfter.toISOString(),
      statusAtSigning: 'good',
    },
    signer: facts,
  };
}
