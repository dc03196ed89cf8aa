import { createHash, verify, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import { certificateFields } from './certificate-fields.ts';
import { pkijs } from './crypto-setup.ts';
import { PkiError } from './errors.ts';
import { certIdFor, certIdFromAsn, sameCertId } from './ocsp-cert-id.ts';
import { nonceFromExtension, ocspNonceOid } from './ocsp-request.ts';
import { type OcspCertStatus, ocspBasicOid } from './ocsp-response.ts';
import { revocationReasonOf } from './revocation-reason.ts';

const maxResponseBytes = 64 * 1024;
const skewMs = 5 * 60_000;
const ocspSigningOid = '1.3.6.1.5.5.7.3.9';
const rsaSignatureHashes: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
};

function fail(reason: string, cause?: unknown): PkiError {
  return new PkiError('ocsp.malformed', reason, { cause });
}

function decodeBasic(der: Buffer): pkijs.BasicOCSPResponse {
  if (!Buffer.isBuffer(der) || der.byteLength === 0 || der.byteLength > maxResponseBytes) {
    throw fail('response is empty or too large');
  }
  let response: pkijs.OCSPResponse;
  try {
    response = pkijs.OCSPResponse.fromBER(der);
  } catch (cause) {
    throw fail('response does not decode', cause);
  }
  const status = response.responseStatus.valueBlock.valueDec;
  if (status !== 0) throw fail(`responder answered status ${status}`);
  if (response.responseBytes?.responseType !== ocspBasicOid) throw fail('not a basic OCSP response');
  try {
    return pkijs.BasicOCSPResponse.fromBER(response.responseBytes.response.valueBlock.valueHexView);
  } catch (cause) {
    throw fail('basic response does not decode', cause);
  }
}

/** Does the responderID (byKey or byName) name this certificate? */
function namesResponder(responderId: unknown, cert: X509Certificate): boolean {
  const fields = certificateFields(cert.raw);
  if (responderId instanceof asn1js.OctetString) {
    const keyHash = createHash('sha1').update(fields.subjectPublicKey).digest();
    return keyHash.equals(Buffer.from(responderId.valueBlock.valueHexView));
  }
  if (responderId instanceof pkijs.RelativeDistinguishedNames) {
    return Buffer.from(responderId.toSchema().toBER()).equals(Buffer.from(fields.subjectDer));
  }
  return false;
}

/**
 * The certificate that signed the response: the issuer itself, or a certificate carried in the response
 * that the issuer issued for OCSP signing (RFC 6960 4.2.2.2) and that is valid now.
 */
function findResponder(basic: pkijs.BasicOCSPResponse, issuer: X509Certificate, now: Date): X509Certificate {
  const id = basic.tbsResponseData.responderID;
  if (namesResponder(id, issuer)) return issuer;
  for (const c of basic.certs ?? []) {
    const cert = new X509Certificate(Buffer.from(c.toSchema().toBER()));
    if (!namesResponder(id, cert)) continue;
    if (!cert.checkIssued(issuer) || !cert.verify(issuer.publicKey))
      throw fail('responder not issued by the issuer');
    if (!(cert.keyUsage ?? []).includes(ocspSigningOid)) throw fail('responder lacks EKU OCSPSigning');
    if (now < new Date(cert.validFrom) || now > new Date(cert.validTo))
      throw fail('responder certificate not valid now');
    return cert;
  }
  throw fail('no responder certificate matches the responderID');
}

function statusOf(certStatus: asn1js.BaseBlock): OcspCertStatus {
  const tag = certStatus.idBlock.tagNumber;
  if (certStatus.idBlock.tagClass !== 3) throw fail('certStatus is not context-tagged');
  if (tag === 0) return { status: 'good' };
  if (tag === 2) return { status: 'unknown' };
  if (tag !== 1 || !(certStatus instanceof asn1js.Constructed)) throw fail('certStatus tag unknown');
  const [time, reasonWrapper] = certStatus.valueBlock.value;
  if (!(time instanceof asn1js.GeneralizedTime)) throw fail('revocationTime missing');
  const reason =
    reasonWrapper instanceof asn1js.Constructed &&
    reasonWrapper.valueBlock.value[0] instanceof asn1js.Enumerated
      ? reasonWrapper.valueBlock.value[0].valueBlock.valueDec
      : undefined;
  return { status: 'revoked', revokedAt: time.toDate(), reason: revocationReasonOf(reason) };
}

/**
 * Checks an OCSP response for one certificate the way a relying party must: successful, signed by the
 * issuer or its delegated responder, the CertID ours, the nonce echoed, fresh. PkiError('ocsp.malformed')
 * with a `reason` otherwise — callers should treat any failure as "status unknown", never as good.
 */
export async function readOcspResponse(
  der: Buffer,
  o: { certificatePem: string; issuerPem: string; nonce?: Buffer; now?: Date },
): Promise<OcspCertStatus & { thisUpdate: Date; nextUpdate?: Date }> {
  const now = o.now ?? new Date();
  const basic = decodeBasic(der);
  const issuer = new X509Certificate(o.issuerPem);
  const responder = findResponder(basic, issuer, now);
  const hash = rsaSignatureHashes[basic.signatureAlgorithm.algorithmId];
  if (!hash) throw fail(`signature algorithm ${basic.signatureAlgorithm.algorithmId} not supported`);
  const signature = basic.signature.valueBlock.valueHexView;
  if (!verify(hash, basic.tbsResponseData.tbsView, responder.publicKey, signature)) {
    throw fail('response signature does not verify');
  }
  if (o.nonce) {
    const ext = basic.tbsResponseData.responseExtensions?.find((e) => e.extnID === ocspNonceOid);
    if (!ext || !nonceFromExtension(ext).equals(o.nonce)) throw fail('nonce not echoed');
  }
  const single = basic.tbsResponseData.responses.find((r) => {
    const id = certIdFromAsn(r.certID);
    try {
      return sameCertId(id, certIdFor(o.certificatePem, o.issuerPem, id.hashAlgorithm));
    } catch {
      return false; // a CertID hashed with an algorithm we do not support is not ours
    }
  });
  if (!single) throw fail('no response for this certificate');
  if (single.thisUpdate.getTime() > now.getTime() + skewMs) throw fail('thisUpdate is in the future');
  if (single.nextUpdate && single.nextUpdate.getTime() < now.getTime() - skewMs)
    throw fail('response is stale');
  return {
    ...statusOf(single.certStatus),
    thisUpdate: single.thisUpdate,
    ...(single.nextUpdate ? { nextUpdate: single.nextUpdate } : {}),
  };
}
