import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';

/** The raw pieces of a certificate that OCSP hashes: exact DER bytes, never a re-encoding. */
export interface CertificateFields {
  serialHex: string;
  issuerDer: Uint8Array;
  subjectDer: Uint8Array;
  /** The subjectPublicKey BIT STRING contents without the unused-bits byte (RFC 6960 issuerKeyHash input). */
  subjectPublicKey: Uint8Array;
}

/** Integer bytes → lowercase hex without leading zeros (the sign byte of positive integers included). */
export function integerBytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes)
    .toString('hex')
    .replace(/^0+(?=.)/, '');
}

/** Hex serial → the content bytes of a positive DER INTEGER. */
export function hexToIntegerBytes(serial: string): Uint8Array {
  if (!/^[0-9a-fA-F]{1,40}$/.test(serial)) throw new TypeError(`serial ${serial} is not 1–20 bytes of hex`);
  const even = serial.length % 2 === 1 ? `0${serial}` : serial;
  const bytes = Buffer.from(even, 'hex');
  return (bytes[0] as number) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
}

/** Even-length lowercase hex, as @peculiar/x509 wants serials. */
export function evenHexSerial(serial: string): string {
  return Buffer.from(hexToIntegerBytes(serial)).toString('hex');
}

// asn1js parsing costs about a millisecond per certificate, and OCSP clients and responders ask for
// the same few certificates (issuers, responders, a hot leaf) over and over: remember recent answers.
const remembered = new Map<string, CertificateFields>();
const rememberMax = 2_000;

/** PEM or DER in; node does the validation, asn1js reads the fields. Results are shared: do not mutate. */
export function certificateFields(certificate: string | Buffer): CertificateFields {
  const key = typeof certificate === 'string' ? certificate : certificate.toString('base64');
  const hit = remembered.get(key);
  if (hit) return hit;
  const fields = parseCertificateFields(certificate);
  if (remembered.size >= rememberMax) remembered.clear();
  remembered.set(key, Object.freeze(fields));
  return fields;
}

function parseCertificateFields(certificate: string | Buffer): CertificateFields {
  const der = new X509Certificate(certificate).raw;
  const parsed = asn1js.fromBER(der);
  const cert = parsed.result;
  if (parsed.offset === -1 || !(cert instanceof asn1js.Sequence)) throw new TypeError('not a certificate');
  const tbs = cert.valueBlock.value[0];
  if (!(tbs instanceof asn1js.Sequence)) throw new TypeError('not a certificate');
  const items = tbs.valueBlock.value;
  const offset = items[0]?.idBlock.tagClass === 3 ? 1 : 0; // [0] version is optional
  const serial = items[offset];
  const issuer = items[offset + 2];
  const subject = items[offset + 4];
  const spki = items[offset + 5];
  const key = spki instanceof asn1js.Sequence ? spki.valueBlock.value[1] : undefined;
  if (!(serial instanceof asn1js.Integer) || !issuer || !subject || !(key instanceof asn1js.BitString)) {
    throw new TypeError('not a certificate');
  }
  return {
    serialHex: integerBytesToHex(serial.valueBlock.valueHexView),
    issuerDer: issuer.valueBeforeDecodeView,
    subjectDer: subject.valueBeforeDecodeView,
    subjectPublicKey: key.valueBlock.valueHexView,
  };
}
