import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { certificateFields } from './certificate-fields.ts';
import { pkijs } from './crypto-setup.ts';
import { der } from './der.ts';
import { certIdToAsn, type OcspCertId } from './ocsp-cert-id.ts';
import { nonceExtension } from './ocsp-request.ts';
import { pemToDer } from './pem.ts';
import { type RevocationReason, revocationReasonCodes } from './revocation-reason.ts';
import type { Signer } from './signer.ts';
import { spkiDer } from './signer-crypto.ts';

export type OcspCertStatus =
  | { status: 'good' }
  | { status: 'revoked'; revokedAt: Date; reason: RevocationReason }
  | { status: 'unknown' };

export const ocspBasicOid = '1.3.6.1.5.5.7.48.1.1';
export const sha256WithRsaOid = '1.2.840.113549.1.1.11';

const errorStatuses = { malformedRequest: 1, internalError: 2, tryLater: 3, unauthorized: 6 } as const;

/** GeneralizedTime in DER carries no fractional seconds here; drop the milliseconds. */
export function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

function certStatusAsn(status: OcspCertStatus): asn1js.BaseBlock {
  if (status.status === 'good') return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } });
  if (status.status === 'unknown') return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 } });
  const revokedInfo: asn1js.BaseBlock[] = [
    new asn1js.GeneralizedTime({ valueDate: wholeSeconds(status.revokedAt) }),
  ];
  // Like the CRL: 'unspecified' is the absence of a reason.
  if (status.reason !== 'unspecified') {
    revokedInfo.push(
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 0 },
        value: [new asn1js.Enumerated({ value: revocationReasonCodes[status.reason] })],
      }),
    );
  }
  return new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value: revokedInfo });
}

// A responder signs with the same certificate for its whole life; parsing it (asn1js) cost more than
// the RSA signature, so the parsed form is kept per PEM.
const responders = new Map<
  string,
  { fields: ReturnType<typeof certificateFields>; responderDer: Buffer; certSpki: Buffer }
>();

function responderOf(pem: string) {
  const hit = responders.get(pem);
  if (hit) return hit;
  const responderDer = pemToDer(pem, 'CERTIFICATE');
  if (!responderDer) throw new TypeError('responderCertificatePem is not a PEM certificate');
  const responderCert = pkijs.Certificate.fromBER(responderDer);
  const entry = {
    fields: certificateFields(responderDer),
    responderDer,
    certSpki: Buffer.from(responderCert.subjectPublicKeyInfo.toSchema().toBER()),
  };
  if (responders.size >= 64) responders.clear();
  responders.set(pem, entry);
  return entry;
}

/**
 * A successful response: BasicOCSPResponse signed sha256WithRSAEncryption by the responder, responderID
 * byKey, the responder certificate included so clients can check the delegation.
 */
export async function buildOcspResponse(o: {
  responderCertificatePem: string;
  responderSigner: Signer;
  responses: { certId: OcspCertId; status: OcspCertStatus }[];
  thisUpdate: Date;
  nextUpdate: Date;
  nonce?: Buffer;
  producedAt?: Date;
}): Promise<Buffer> {
  const { fields, responderDer, certSpki } = responderOf(o.responderCertificatePem);
  if (!certSpki.equals(spkiDer(o.responderSigner.publicKey))) {
    throw new TypeError("the responder's signer does not hold the key of the responder certificate");
  }
  const data = new pkijs.ResponseData({
    responderID: new asn1js.OctetString({
      valueHex: createHash('sha1').update(fields.subjectPublicKey).digest(),
    }),
    producedAt: wholeSeconds(o.producedAt ?? new Date()),
    responses: o.responses.map(
      (r) =>
        new pkijs.SingleResponse({
          certID: certIdToAsn(r.certId),
          certStatus: certStatusAsn(r.status),
          thisUpdate: wholeSeconds(o.thisUpdate),
          nextUpdate: wholeSeconds(o.nextUpdate),
        }),
    ),
    ...(o.nonce ? { responseExtensions: [nonceExtension(o.nonce)] } : {}),
  });
  const tbs = new Uint8Array(data.toSchema(true).toBER());
  const signature = await o.responderSigner.sign(tbs);
  // BasicOCSPResponse and OCSPResponse (RFC 6960 4.2.1) around the signed data, with the responder
  // certificate's own DER bytes: no re-encoding of the certificate on every answer.
  const basic = der.sequence(
    tbs,
    der.sequence(der.oid(sha256WithRsaOid), der.null()),
    der.bitString(signature),
    der.explicit(0, der.sequence(responderDer)),
  );
  return der.sequence(
    der.enumerated(0),
    der.explicit(0, der.sequence(der.oid(ocspBasicOid), der.octetString(basic))),
  );
}

/** An unsuccessful OCSPResponse: only the status, no responseBytes (RFC 6960 4.2.1). */
export function buildOcspErrorResponse(
  status: 'malformedRequest' | 'internalError' | 'tryLater' | 'unauthorized',
): Buffer {
  const response = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: errorStatuses[status] }),
  });
  return Buffer.from(response.toSchema().toBER());
}
