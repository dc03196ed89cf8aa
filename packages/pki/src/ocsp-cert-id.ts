import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { certificateFields, hexToIntegerBytes, integerBytesToHex } from './certificate-fields.ts';
import { pkijs } from './crypto-setup.ts';

/** One CertID of an OCSP request, hashes as lowercase hex, serial as everywhere else. */
export interface OcspCertId {
  serial: string;
  issuerNameHash: string;
  issuerKeyHash: string;
  /** OID of the hash algorithm */
  hashAlgorithm: string;
}

export const sha1Oid = '1.3.14.3.2.26';
export const sha256Oid = '2.16.840.1.101.3.4.2.1';
const hashNames: Record<string, string> = { [sha1Oid]: 'sha1', [sha256Oid]: 'sha256' };

function issuerHashes(issuerPem: string, hash: string): { name: string; key: string } {
  const f = certificateFields(issuerPem);
  return {
    name: createHash(hash).update(f.subjectDer).digest('hex'),
    key: createHash(hash).update(f.subjectPublicKey).digest('hex'),
  };
}

/** Whether a CertID names this issuer (RFC 6960 4.1.1: hashes of its subject DN and public key). */
export function certIdMatchesIssuer(certId: OcspCertId, issuerPem: string): boolean {
  const hash = hashNames[certId.hashAlgorithm];
  if (!hash) return false;
  const h = issuerHashes(issuerPem, hash);
  return h.name === certId.issuerNameHash.toLowerCase() && h.key === certId.issuerKeyHash.toLowerCase();
}

/** The CertID for a certificate (SHA-1 by default, as `openssl ocsp` sends). */
export function certIdFor(certificatePem: string, issuerPem: string, hashAlgorithm = sha1Oid): OcspCertId {
  const hash = hashNames[hashAlgorithm];
  if (!hash) throw new TypeError(`unsupported CertID hash ${hashAlgorithm}`);
  const h = issuerHashes(issuerPem, hash);
  return {
    serial: certificateFields(certificatePem).serialHex,
    issuerNameHash: h.name,
    issuerKeyHash: h.key,
    hashAlgorithm,
  };
}

export function certIdToAsn(certId: OcspCertId): pkijs.CertID {
  return new pkijs.CertID({
    hashAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: certId.hashAlgorithm,
      algorithmParams: new asn1js.Null(),
    }),
    issuerNameHash: new asn1js.OctetString({ valueHex: Buffer.from(certId.issuerNameHash, 'hex') }),
    issuerKeyHash: new asn1js.OctetString({ valueHex: Buffer.from(certId.issuerKeyHash, 'hex') }),
    serialNumber: new asn1js.Integer({ valueHex: hexToIntegerBytes(certId.serial) }),
  });
}

export function certIdFromAsn(certId: pkijs.CertID): OcspCertId {
  return {
    serial: integerBytesToHex(certId.serialNumber.valueBlock.valueHexView),
    issuerNameHash: Buffer.from(certId.issuerNameHash.valueBlock.valueHexView).toString('hex'),
    issuerKeyHash: Buffer.from(certId.issuerKeyHash.valueBlock.valueHexView).toString('hex'),
    hashAlgorithm: certId.hashAlgorithm.algorithmId,
  };
}

export function sameCertId(a: OcspCertId, b: OcspCertId): boolean {
  return (
    a.hashAlgorithm === b.hashAlgorithm &&
    a.serial === b.serial &&
    a.issuerNameHash.toLowerCase() === b.issuerNameHash.toLowerCase() &&
    a.issuerKeyHash.toLowerCase() === b.issuerKeyHash.toLowerCase()
  );
}
