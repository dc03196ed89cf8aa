import { createHash, verify, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import { certificateFields } from './certificate-fields.ts';
import { pkijs } from './crypto-setup.ts';
import { PkiError } from './errors.ts';
import { derToPem, pemToDer } from './pem.ts';
import type { Signer } from './signer.ts';

const oids = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
} as const;
const digestNames: Record<string, string> = {
  [oids.sha256]: 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
/** RSA PKCS#1 v1.5 signature algorithms a SignerInfo may name; the hash comes from digestAlgorithm. */
const rsaSignatureOids = new Set([
  oids.rsaEncryption,
  '1.2.840.113549.1.1.11',
  '1.2.840.113549.1.1.12',
  '1.2.840.113549.1.1.13',
]);
const maxSignatureBytes = 64 * 1024;

function certificateDer(pem: string): Buffer {
  const der = pemToDer(pem, 'CERTIFICATE');
  if (!der) throw new TypeError('not a PEM certificate');
  return der;
}

function attribute(type: string, value: asn1js.BaseBlock): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/** Signing time as RFC 5652 wants it: UTCTime for 1950–2049, GeneralizedTime otherwise, whole seconds. */
function timeValue(date: Date): asn1js.BaseBlock {
  const valueDate = new Date(Math.floor(date.getTime() / 1000) * 1000);
  const year = valueDate.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? new asn1js.UTCTime({ valueDate })
    : new asn1js.GeneralizedTime({ valueDate });
}

/**
 * Detached CMS SignedData (DER) over `content`, or over a SHA-256 `contentDigest` when only the hash is
 * at hand (the card signs a document hash). Signed attributes: contentType, signingTime, messageDigest.
 */
export async function signDetached(o: {
  content?: Buffer;
  contentDigest?: Buffer;
  certificatePem: string;
  chainPems?: string[];
  signer: Signer;
  signingTime?: Date;
}): Promise<Buffer> {
  const digest = o.contentDigest ?? (o.content ? createHash('sha256').update(o.content).digest() : undefined);
  if (digest?.byteLength !== 32) throw new TypeError('need content or a 32-byte SHA-256 contentDigest');
  const signerDer = certificateDer(o.certificatePem);
  const signerCert = pkijs.Certificate.fromBER(signerDer);
  const attributes = [
    attribute(oids.contentType, new asn1js.ObjectIdentifier({ value: oids.data })),
    attribute(oids.signingTime, timeValue(o.signingTime ?? new Date())),
    attribute(oids.messageDigest, new asn1js.OctetString({ valueHex: digest })),
  ];
  // DER orders a SET OF by encoding; OpenSSL re-encodes the attributes before verifying.
  const encoded = attributes.map((a) => ({ a, der: Buffer.from(a.toSchema().toBER()) }));
  encoded.sort((x, y) => Buffer.compare(x.der, y.der));
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: encoded.map((e) => e.a) });
  const toSign = new Uint8Array(signedAttrs.toSchema().toBER());
  toSign[0] = 0x31; // signed over as SET OF, not as the [0] IMPLICIT field
  const sha256 = () =>
    new pkijs.AlgorithmIdentifier({ algorithmId: oids.sha256, algorithmParams: new asn1js.Null() });
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({
      issuer: signerCert.issuer,
      serialNumber: signerCert.serialNumber,
    }),
    digestAlgorithm: sha256(),
    signedAttrs,
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: oids.rsaEncryption,
      algorithmParams: new asn1js.Null(),
    }),
    signature: new asn1js.OctetString({ valueHex: await o.signer.sign(toSign) }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [sha256()],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: oids.data }),
    certificates: [
      signerCert,
      ...(o.chainPems ?? []).map((pem) => pkijs.Certificate.fromBER(certificateDer(pem))),
    ],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({
    contentType: oids.signedData,
    content: signedData.toSchema(true),
  });
  return Buffer.from(contentInfo.toSchema().toBER());
}

function malformed(reason: string, cause?: unknown): PkiError {
  return new PkiError('signature.malformed', reason, { cause });
}

function decode(signature: Buffer): pkijs.SignedData {
  if (!Buffer.isBuffer(signature) || signature.byteLength === 0 || signature.byteLength > maxSignatureBytes) {
    throw malformed('signature is empty or too large');
  }
  try {
    const info = pkijs.ContentInfo.fromBER(signature);
    if (info.contentType !== oids.signedData) throw new Error(`content type ${info.contentType}`);
    return new pkijs.SignedData({ schema: info.content });
  } catch (cause) {
    throw malformed('not a CMS SignedData', cause);
  }
}

/** The embedded certificate the SignerInfo names, by issuer and serial or by subject key identifier. */
function findSignerCertificate(sid: unknown, certs: X509Certificate[]): X509Certificate | undefined {
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    const issuer = Buffer.from(sid.issuer.toSchema().toBER());
    const serial = Buffer.from(sid.serialNumber.valueBlock.valueHexView).toString('hex').replace(/^0+/, '');
    return certs.find((c) => {
      const f = certificateFields(c.raw);
      return f.serialHex === serial && Buffer.from(f.issuerDer).equals(issuer);
    });
  }
  if (sid instanceof asn1js.Constructed && sid.valueBlock.value[0] instanceof asn1js.OctetString) {
    const keyId = Buffer.from(sid.valueBlock.value[0].valueBlock.valueHexView).toString('hex');
    return certs.find(
      (c) => createHash('sha1').update(certificateFields(c.raw).subjectPublicKey).digest('hex') === keyId,
    );
  }
  return undefined;
}

function attributeValue(attrs: pkijs.Attribute[], type: string): unknown {
  const found = attrs.filter((a) => a.type === type);
  if (found.length > 1 || (found[0] && found[0].values.length !== 1))
    throw malformed(`attribute ${type} repeated`);
  return found[0]?.values[0];
}

/**
 * Checks a detached SignedData against `content`: one SignerInfo, signed attributes present, messageDigest
 * equal to the content's hash, the RSA signature valid under the embedded signer certificate. Whether
 * that certificate is trusted, valid or revoked is the caller's question (verifyChain, OCSP, CRL).
 */
export async function verifyDetached(o: { signature: Buffer; content: Buffer }): Promise<{
  signerCertificatePem: string;
  certificatesPem: string[];
  signingTime?: Date;
}> {
  const signedData = decode(o.signature);
  if (signedData.encapContentInfo.eContent)
    throw malformed('content is attached, a detached signature was expected');
  if (signedData.signerInfos.length !== 1) throw malformed(`${signedData.signerInfos.length} SignerInfos`);
  const signerInfo = signedData.signerInfos[0] as pkijs.SignerInfo;
  let certs: X509Certificate[];
  try {
    certs = (signedData.certificates ?? [])
      .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
      .map((c) => new X509Certificate(Buffer.from(c.toSchema().toBER())));
  } catch (cause) {
    throw malformed('an embedded certificate does not parse', cause);
  }
  const signerCert = findSignerCertificate(signerInfo.sid, certs);
  if (!signerCert) throw malformed('the signer certificate is not embedded');
  const hash = digestNames[signerInfo.digestAlgorithm.algorithmId];
  if (!hash) throw malformed(`digest algorithm ${signerInfo.digestAlgorithm.algorithmId}`);
  if (!rsaSignatureOids.has(signerInfo.signatureAlgorithm.algorithmId)) {
    throw malformed(`signature algorithm ${signerInfo.signatureAlgorithm.algorithmId}`);
  }
  const attrs = signerInfo.signedAttrs;
  if (!attrs || attrs.attributes.length === 0) throw malformed('no signed attributes');
  const contentType = attributeValue(attrs.attributes, oids.contentType);
  const messageDigest = attributeValue(attrs.attributes, oids.messageDigest);
  const signingTime = attributeValue(attrs.attributes, oids.signingTime);
  if (
    !(contentType instanceof asn1js.ObjectIdentifier) ||
    contentType.getValue() !== signedData.encapContentInfo.eContentType
  ) {
    throw malformed('contentType attribute missing or different from the content type');
  }
  if (!(messageDigest instanceof asn1js.OctetString)) throw malformed('messageDigest attribute missing');
  const digest = createHash(hash).update(o.content).digest();
  if (!digest.equals(Buffer.from(messageDigest.valueBlock.valueHexView))) {
    throw new PkiError('signature.invalid', 'messageDigest does not match the content');
  }
  const signed = new Uint8Array(attrs.encodedValue); // pkijs already put the SET OF tag back
  if (!verify(hash, signed, signerCert.publicKey, signerInfo.signature.valueBlock.valueHexView)) {
    throw new PkiError('signature.invalid', 'signature does not verify');
  }
  const time =
    signingTime instanceof asn1js.UTCTime || signingTime instanceof asn1js.GeneralizedTime
      ? signingTime.toDate()
      : undefined;
  return {
    signerCertificatePem: derToPem(signerCert.raw, 'CERTIFICATE'),
    certificatesPem: certs.map((c) => derToPem(c.raw, 'CERTIFICATE')),
    ...(time ? { signingTime: time } : {}),
  };
}
