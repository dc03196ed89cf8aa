import * as asn1js from 'asn1js';
import { pkijs } from './crypto-setup.ts';
import { PkiError } from './errors.ts';
import { certIdFor, certIdFromAsn, certIdToAsn, type OcspCertId } from './ocsp-cert-id.ts';

export const ocspNonceOid = '1.3.6.1.5.5.7.48.1.2';
const maxRequestBytes = 16 * 1024;
const maxCertIds = 32;
const maxNonceBytes = 64;

/** The nonce extension value: an OCTET STRING holding the nonce (RFC 8954; what openssl writes). */
export function nonceExtension(nonce: Buffer): pkijs.Extension {
  return new pkijs.Extension({
    extnID: ocspNonceOid,
    critical: false,
    extnValue: new asn1js.OctetString({ valueHex: nonce }).toBER(),
  });
}

/** The nonce inside an extension value; old clients put the bare bytes there, so those are accepted too. */
export function nonceFromExtension(extension: pkijs.Extension): Buffer {
  const raw = extension.extnValue.valueBlock.valueHexView;
  const inner = asn1js.fromBER(raw);
  if (inner.offset === raw.byteLength && inner.result instanceof asn1js.OctetString) {
    return Buffer.from(inner.result.valueBlock.valueHexView);
  }
  return Buffer.from(raw);
}

/** Decodes an OCSP request; the signature of signed requests is not looked at (RFC 6960 makes it optional). */
export function parseOcspRequest(der: Buffer): { certIds: OcspCertId[]; nonce?: Buffer } {
  const malformed = (reason: string, cause?: unknown) => new PkiError('ocsp.malformed', reason, { cause });
  if (!Buffer.isBuffer(der) || der.byteLength === 0 || der.byteLength > maxRequestBytes) {
    throw malformed('request is empty or too large');
  }
  let request: pkijs.OCSPRequest;
  try {
    request = pkijs.OCSPRequest.fromBER(der);
  } catch (cause) {
    throw malformed('request does not decode', cause);
  }
  const list = request.tbsRequest.requestList;
  if (list.length === 0 || list.length > maxCertIds) throw malformed(`request holds ${list.length} CertIDs`);
  const certIds = list.map((r) => certIdFromAsn(r.reqCert));
  if (certIds.some((c) => c.serial.length > 40)) throw malformed('serial longer than 20 bytes');
  const nonceExt = request.tbsRequest.requestExtensions?.find((e) => e.extnID === ocspNonceOid);
  if (!nonceExt) return { certIds };
  const nonce = nonceFromExtension(nonceExt);
  if (nonce.byteLength === 0 || nonce.byteLength > maxNonceBytes)
    throw malformed('nonce length out of range');
  return { certIds, nonce };
}

/** An unsigned request for one certificate with a SHA-1 CertID, as `openssl ocsp` builds by default. */
export function buildOcspRequest(o: { certificatePem: string; issuerPem: string; nonce?: Buffer }): Buffer {
  const request = new pkijs.OCSPRequest({
    tbsRequest: new pkijs.TBSRequest({
      requestList: [new pkijs.Request({ reqCert: certIdToAsn(certIdFor(o.certificatePem, o.issuerPem)) })],
      ...(o.nonce ? { requestExtensions: [nonceExtension(o.nonce)] } : {}),
    }),
  });
  return Buffer.from(request.toSchema(true).toBER());
}
