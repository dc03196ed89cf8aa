/**
 * A demo issuer PKI for e-delivery: one root CA (the trust anchor the portal pins) and one RSA-2048
 * certificate per company, with the company's 法人番号 as the subject serialNumber (OID 2.5.4.5) so a
 * verifier can bind the signer to the 法人番号 written in the certificate of deduction.
 */
import 'reflect-metadata';
import { generateKeyPairSync, randomBytes, webcrypto } from 'node:crypto';
import { isValidCorporateNumber } from '@madoguchi/identifiers';
import * as x509 from '@peculiar/x509';

// Node's webcrypto types and the DOM-style ones @peculiar/x509 declares differ only nominally.
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALG = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

export interface KeyAndCertificate {
  privateKeyPem: string;
  certificatePem: string;
}

async function importPair(): Promise<{ pem: string; keys: webcrypto.CryptoKeyPair }> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const keys = {
    privateKey: await webcrypto.subtle.importKey(
      'pkcs8',
      privateKey.export({ type: 'pkcs8', format: 'der' }),
      ALG,
      true,
      ['sign'],
    ),
    publicKey: await webcrypto.subtle.importKey(
      'spki',
      publicKey.export({ type: 'spki', format: 'der' }),
      ALG,
      true,
      ['verify'],
    ),
  };
  return { pem, keys: keys as webcrypto.CryptoKeyPair };
}

const serial = () => {
  const b = randomBytes(16);
  b[0] = (b[0] as number) & 0x7f;
  return b.toString('hex');
};

export async function createIssuerCa(o: {
  name: string;
  notBefore?: Date;
  years?: number;
}): Promise<KeyAndCertificate> {
  const { pem, keys } = await importPair();
  const notBefore = o.notBefore ?? new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore.getTime() + (o.years ?? 10) * 365 * 86_400_000);
  const name = new x509.Name([{ C: ['JP'] }, { O: [o.name] }, { CN: [`${o.name} Root CA`] }]);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name,
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { privateKeyPem: pem, certificatePem: cert.toString('pem') };
}

export async function issueCompanyCertificate(o: {
  ca: KeyAndCertificate;
  companyName: string;
  houjinBangou: string;
  notBefore?: Date;
  days?: number;
}): Promise<KeyAndCertificate> {
  if (!isValidCorporateNumber(o.houjinBangou)) throw new TypeError('deduction: invalid 法人番号');
  const caCert = new x509.X509Certificate(o.ca.certificatePem);
  const caKey = await webcrypto.subtle.importKey(
    'pkcs8',
    Buffer.from(o.ca.privateKeyPem.replace(/-----[^-]+-----|\s+/g, ''), 'base64'),
    ALG,
    false,
    ['sign'],
  );
  const { pem, keys } = await importPair();
  const notBefore = o.notBefore ?? new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore.getTime() + (o.days ?? 825) * 86_400_000);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    // Built from JSON, not a DN string, so a company name cannot smuggle in extra RDNs.
    subject: new x509.Name([{ C: ['JP'] }, { O: [o.companyName] }, { '2.5.4.5': [o.houjinBangou] }]),
    issuer: caCert.subjectName,
    notBefore,
    notAfter,
    publicKey: keys.publicKey,
    signingKey: caKey as unknown as x509.X509CertificateCreateWithKeyParams['signingKey'],
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return { privateKeyPem: pem, certificatePem: cert.toString('pem') };
}
