import * as asn1js from 'asn1js';
import { evenHexSerial } from './certificate-fields.ts';
import type { Issuer } from './certificates.ts';
import { x509 } from './crypto-setup.ts';
import { type RevocationReason, revocationReasonCodes } from './revocation-reason.ts';
import { rsaSha256, signerCrypto, spkiDer, webPublicKey } from './signer-crypto.ts';

export { type RevocationReason, revocationReasonCodes, revocationReasonOf } from './revocation-reason.ts';

const crlNumberOid = '2.5.29.20';

/**
 * A v2 CRL in DER (the PEM label @peculiar/x509 writes is not the one OpenSSL 3 reads) with the CRL
 * number and authority key identifier extensions. A reason is written per entry except `unspecified`,
 * which RFC 5280 says to leave out.
 */
export async function buildCrl(o: {
  issuer: Issuer;
  thisUpdate: Date;
  nextUpdate: Date;
  crlNumber: bigint | number;
  entries: { serial: string; revokedAt: Date; reason: RevocationReason }[];
}): Promise<Buffer> {
  if (o.nextUpdate <= o.thisUpdate) throw new TypeError('nextUpdate must be after thisUpdate');
  const issuerCert = new x509.X509Certificate(o.issuer.certificatePem);
  if (!Buffer.from(issuerCert.publicKey.rawData).equals(spkiDer(o.issuer.signer.publicKey))) {
    throw new TypeError("the issuer's signer does not hold the key of the issuer certificate");
  }
  const ski = issuerCert.getExtension(x509.SubjectKeyIdentifierExtension);
  const keyId =
    ski?.keyId ?? (await x509.SubjectKeyIdentifierExtension.create(issuerCert.publicKey.rawData)).keyId;
  const crl = await x509.X509CrlGenerator.create(
    {
      issuer: issuerCert.subjectName,
      thisUpdate: o.thisUpdate,
      nextUpdate: o.nextUpdate,
      signingAlgorithm: rsaSha256,
      signingKey: await webPublicKey(o.issuer.signer.publicKey),
      extensions: [
        new x509.Extension(crlNumberOid, false, asn1js.Integer.fromBigInt(BigInt(o.crlNumber)).toBER()),
        new x509.AuthorityKeyIdentifierExtension(keyId),
      ],
      entries: o.entries.map((e) => ({
        serialNumber: evenHexSerial(e.serial),
        revocationDate: e.revokedAt,
        reason: revocationReasonCodes[e.reason],
      })),
    },
    signerCrypto(o.issuer.signer),
  );
  return Buffer.from(crl.rawData);
}
