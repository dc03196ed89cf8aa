import { type KeyObject, X509Certificate } from 'node:crypto';
import { evenHexSerial } from './certificate-fields.ts';
import { x509 } from './crypto-setup.ts';
import { PkiError } from './errors.ts';
import { type BasicFacts, basicFactsExtension } from './facts.ts';
import { derToPem } from './pem.ts';
import { assertRsa2048, newSerial, type Signer } from './signer.ts';
import { signerCrypto, spkiDer, webPublicKey } from './signer-crypto.ts';

/** A CA that can issue: its certificate and the Signer holding its key. */
export interface Issuer {
  certificatePem: string;
  signer: Signer;
}

export interface LeafUrls {
  crlUrl: string;
  ocspUrl: string;
}

export const signatureCertificatePolicy = '1.2.392.200149.8.5.1.1.10';
export const authCertificatePolicy = '1.2.392.200149.8.5.1.3.10';
const ocspNoCheckOid = '1.3.6.1.5.5.7.48.1.5';
const maxCertificateBytes = 16 * 1024;

const Ku = x509.KeyUsageFlags;

function leafSubject(cardSerial: string, suffix: 'S' | 'A'): x509.Name {
  // Built from JSON, not a DN string, so a card serial cannot smuggle in extra RDNs.
  if (!/^[A-Za-z0-9._-]{1,60}$/.test(cardSerial))
    throw new TypeError('card serial must be 1–60 of [A-Za-z0-9._-]');
  return new x509.Name([{ C: ['JP'] }, { CN: [`${cardSerial}-${suffix}`] }]);
}

async function keyIdentifier(publicKey: KeyObject): Promise<string> {
  const ski = await x509.SubjectKeyIdentifierExtension.create(spkiDer(publicKey));
  return ski.keyId;
}

interface Draft {
  subject: x509.Name;
  issuerName: x509.Name;
  /** SKI of the issuer, copied into AKI. */
  issuerKeyId: string;
  publicKey: KeyObject;
  signer: Signer;
  serial: string;
  notBefore: Date;
  notAfter: Date;
  extensions: x509.Extension[];
}

async function sign(d: Draft): Promise<string> {
  if (d.notAfter <= d.notBefore) throw new TypeError('notAfter must be after notBefore');
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: evenHexSerial(d.serial),
      subject: d.subject,
      issuer: d.issuerName,
      notBefore: d.notBefore,
      notAfter: d.notAfter,
      publicKey: spkiDer(d.publicKey),
      signingKey: await webPublicKey(d.signer.publicKey),
      extensions: [
        ...d.extensions,
        new x509.SubjectKeyIdentifierExtension(await keyIdentifier(d.publicKey)),
        new x509.AuthorityKeyIdentifierExtension(d.issuerKeyId),
      ],
    },
    signerCrypto(d.signer),
  );
  return derToPem(cert.rawData, 'CERTIFICATE');
}

async function issuerParts(issuer: Issuer): Promise<{ issuerName: x509.Name; issuerKeyId: string }> {
  const cert = new x509.X509Certificate(issuer.certificatePem);
  if (!Buffer.from(cert.publicKey.rawData).equals(spkiDer(issuer.signer.publicKey))) {
    throw new TypeError("the issuer's signer does not hold the key of the issuer certificate");
  }
  const ski = cert.getExtension(x509.SubjectKeyIdentifierExtension);
  return {
    issuerName: cert.subjectName,
    issuerKeyId: ski?.keyId ?? (await keyIdentifier(issuer.signer.publicKey)),
  };
}

function checkSubjectKey(publicKey: KeyObject): void {
  if (publicKey.type !== 'public') throw new TypeError('publicKey must be a public KeyObject');
  assertRsa2048(publicKey, 'certificate.request_invalid');
}

/** Self-signed root: CA:true without a path length, keyCertSign + cRLSign. */
export async function createRootCertificate(o: {
  subject: string;
  signer: Signer;
  notBefore: Date;
  notAfter: Date;
  serial?: string;
}): Promise<string> {
  const name = new x509.Name(o.subject);
  const keyId = await keyIdentifier(o.signer.publicKey);
  return sign({
    subject: name,
    issuerName: name,
    issuerKeyId: keyId,
    publicKey: o.signer.publicKey,
    signer: o.signer,
    serial: o.serial ?? newSerial(),
    notBefore: o.notBefore,
    notAfter: o.notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(Ku.keyCertSign | Ku.cRLSign, true),
    ],
  });
}

export async function issueCaCertificate(o: {
  issuer: Issuer;
  subject: string;
  publicKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  serial?: string;
  pathLength?: number;
}): Promise<string> {
  checkSubjectKey(o.publicKey);
  return sign({
    ...(await issuerParts(o.issuer)),
    subject: new x509.Name(o.subject),
    publicKey: o.publicKey,
    signer: o.issuer.signer,
    serial: o.serial ?? newSerial(),
    notBefore: o.notBefore,
    notAfter: o.notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(true, o.pathLength ?? 0, true),
      new x509.KeyUsagesExtension(Ku.keyCertSign | Ku.cRLSign, true),
    ],
  });
}

/** Delegated OCSP responder: EKU OCSPSigning and id-pkix-ocsp-nocheck (clients do not check its status). */
export async function issueOcspSignerCertificate(o: {
  issuer: Issuer;
  subject: string;
  publicKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  serial?: string;
}): Promise<string> {
  checkSubjectKey(o.publicKey);
  return sign({
    ...(await issuerParts(o.issuer)),
    subject: new x509.Name(o.subject),
    publicKey: o.publicKey,
    signer: o.issuer.signer,
    serial: o.serial ?? newSerial(),
    notBefore: o.notBefore,
    notAfter: o.notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(Ku.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.ocspSigning], false),
      new x509.Extension(ocspNoCheckOid, false, new Uint8Array([0x05, 0x00])),
    ],
  });
}

function leafExtensions(policy: string, urls: LeafUrls): x509.Extension[] {
  return [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.CertificatePolicyExtension([policy], false),
    new x509.CRLDistributionPointsExtension([urls.crlUrl], false),
    new x509.AuthorityInfoAccessExtension({ ocsp: [urls.ocspUrl] }, false),
  ];
}

/** 署名用電子証明書: subject C=JP, CN=<card>-S; the basic facts in subjectAltName otherNames. */
export async function issueSignatureCertificate(o: {
  issuer: Issuer;
  publicKey: KeyObject;
  serial: string;
  cardSerial: string;
  facts: BasicFacts;
  notBefore: Date;
  notAfter: Date;
  urls: LeafUrls;
}): Promise<string> {
  checkSubjectKey(o.publicKey);
  return sign({
    ...(await issuerParts(o.issuer)),
    subject: leafSubject(o.cardSerial, 'S'),
    publicKey: o.publicKey,
    signer: o.issuer.signer,
    serial: o.serial,
    notBefore: o.notBefore,
    notAfter: o.notAfter,
    extensions: [
      new x509.KeyUsagesExtension(Ku.digitalSignature | Ku.nonRepudiation, true),
      basicFactsExtension(o.facts),
      ...leafExtensions(signatureCertificatePolicy, o.urls),
    ],
  });
}

/** 利用者証明用電子証明書: subject C=JP, CN=<card>-A; no personal facts. */
export async function issueAuthCertificate(o: {
  issuer: Issuer;
  publicKey: KeyObject;
  serial: string;
  cardSerial: string;
  notBefore: Date;
  notAfter: Date;
  urls: LeafUrls;
}): Promise<string> {
  checkSubjectKey(o.publicKey);
  return sign({
    ...(await issuerParts(o.issuer)),
    subject: leafSubject(o.cardSerial, 'A'),
    publicKey: o.publicKey,
    signer: o.issuer.signer,
    serial: o.serial,
    notBefore: o.notBefore,
    notAfter: o.notAfter,
    extensions: [
      new x509.KeyUsagesExtension(Ku.digitalSignature, true),
      ...leafExtensions(authCertificatePolicy, o.urls),
    ],
  });
}

/** Node's parser, behind a size limit; PEM or DER. */
export function parseCertificate(input: string | Buffer): X509Certificate {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (size === 0 || size > maxCertificateBytes) {
    throw new PkiError('certificate.malformed', `certificate is ${size} bytes`);
  }
  try {
    return new X509Certificate(input);
  } catch (cause) {
    throw new PkiError('certificate.malformed', 'not a certificate', { cause });
  }
}

/** Lowercase hex without leading zeros, the form stored and compared everywhere. */
export function serialOf(cert: X509Certificate): string {
  return cert.serialNumber.toLowerCase().replace(/^0+(?=.)/, '');
}
