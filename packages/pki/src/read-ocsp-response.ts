import { createHash, verify, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import { certificateFields } from './certificate-fields.ts';
import { pkijs } from './crypto-setup.ts';
import { childrenOf, der, readTlv, type Tlv } from './der.ts';
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

interface DecodedBasic {
  tbsResponseData: pkijs.ResponseData;
  signatureAlgorithmDer: Buffer;
  signature: Uint8Array;
  certs: X509Certificate[];
}

const expect = (t: Tlv | undefined, tag: number, what: string): Tlv => {
  if (!t || t.tag !== tag) throw fail(`${what} missing`);
  return t;
};

/**
 * The outer layers are walked by hand and only tbsResponseData goes through pkijs: decoding the
 * embedded responder certificate with asn1js cost several milliseconds per response, while node's
 * X509Certificate reads the same bytes natively.
 */
function decodeBasic(bytes: Buffer): DecodedBasic {
  if (!Buffer.isBuffer(bytes) || bytes.byteLength === 0 || bytes.byteLength > maxResponseBytes) {
    throw fail('response is empty or too large');
  }
  try {
    const outer = expect(readTlv(bytes, 0), 0x30, 'OCSPResponse');
    const [status, wrapped] = childrenOf(bytes, outer);
    const statusTlv = expect(status, 0x0a, 'responseStatus');
    const code = bytes[statusTlv.contentStart];
    if (code !== 0) throw fail(`responder answered status ${code}`);
    const [responseBytes] = childrenOf(bytes, expect(wrapped, 0xa0, 'responseBytes'));
    const [type, octets] = childrenOf(bytes, expect(responseBytes, 0x30, 'ResponseBytes'));
    const typeTlv = expect(type, 0x06, 'responseType');
    if (!Buffer.from(bytes.subarray(typeTlv.start, typeTlv.end)).equals(der.oid(ocspBasicOid)))
      throw fail('not a basic OCSP response');
    const basicTlv = readTlv(bytes, expect(octets, 0x04, 'response').contentStart);
    const [tbs, alg, sig, certsWrapper] = childrenOf(bytes, expect(basicTlv, 0x30, 'BasicOCSPResponse'));
    const tbsTlv = expect(tbs, 0x30, 'tbsResponseData');
    const algTlv = expect(alg, 0x30, 'signatureAlgorithm');
    const sigTlv = expect(sig, 0x03, 'signature');
    const tbsView = new Uint8Array(bytes.subarray(tbsTlv.start, tbsTlv.end));
    const tbsResponseData = pkijs.ResponseData.fromBER(tbsView);
    tbsResponseData.tbsView = tbsView;
    const certs: X509Certificate[] = [];
    if (certsWrapper) {
      const [list] = childrenOf(bytes, expect(certsWrapper, 0xa0, 'certs'));
      for (const c of childrenOf(bytes, expect(list, 0x30, 'certs'))) {
        certs.push(new X509Certificate(bytes.subarray(c.start, c.end)));
      }
    }
    return {
      tbsResponseData,
      signatureAlgorithmDer: Buffer.from(bytes.subarray(algTlv.contentStart, algTlv.end)),
      // The first content byte of a BIT STRING counts unused bits; signatures have none.
      signature: bytes.subarray(sigTlv.contentStart + 1, sigTlv.end),
      certs,
    };
  } catch (cause) {
    if (cause instanceof PkiError) throw cause;
    throw fail('response does not decode', cause);
  }
}

/** The hash of a sha*WithRSAEncryption AlgorithmIdentifier (OID, optionally followed by NULL). */
function rsaHashOf(algorithmContent: Buffer): string | undefined {
  for (const [oid, hash] of Object.entries(rsaSignatureHashes)) {
    const encoded = der.oid(oid);
    if (algorithmContent.subarray(0, encoded.byteLength).equals(encoded)) return hash;
  }
  return undefined;
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
function findResponder(basic: DecodedBasic, issuer: X509Certificate, now: Date): X509Certificate {
  const id = basic.tbsResponseData.responderID;
  if (namesResponder(id, issuer)) return issuer;
  for (const cert of basic.certs) {
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
  const hash = rsaHashOf(basic.signatureAlgorithmDer);
  if (!hash) throw fail('signature algorithm not supported');
  const signature = basic.signature;
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
