import {
  type BasicFacts,
  createRootCertificate,
  generateRsaKeyPair,
  issueAuthCertificate,
  issueCaCertificate,
  issueSignatureCertificate,
  keyObjectSigner,
  newSerial,
} from '@madoguchi/pki';
import { createCardFile } from '../card-operations.ts';
import type { PinKind } from '../pin-rules.ts';

export const testFacts: BasicFacts = {
  familyName: 'デジタル',
  givenName: '花子',
  address: '東京都千代田区霞が関1丁目1番1号',
  birthDate: '1985-04-01',
  sex: 2,
};

export const testPins: Record<PinKind, string> = { auth: '1234', sign: 'ABC123', support: '5678' };

/**
 * A small CA hierarchy made with the PKI kernel, without the card authority: card-package tests
 * run without a database. Returns a function that writes a fresh card file.
 */
export async function testHierarchy() {
  const now = new Date();
  const later = new Date(now.getTime() + 365 * 86400_000);
  const [rootKeys, signCaKeys, authCaKeys] = await Promise.all([
    generateRsaKeyPair(),
    generateRsaKeyPair(),
    generateRsaKeyPair(),
  ]);
  const rootSigner = keyObjectSigner(rootKeys.privateKey);
  const rootPem = await createRootCertificate({
    subject: 'CN=test JPKI Root CA',
    signer: rootSigner,
    notBefore: now,
    notAfter: later,
  });
  const root = { certificatePem: rootPem, signer: rootSigner };
  const signCaPem = await issueCaCertificate({
    issuer: root,
    subject: 'CN=test JPKI Signature CA',
    publicKey: signCaKeys.publicKey,
    notBefore: now,
    notAfter: later,
  });
  const authCaPem = await issueCaCertificate({
    issuer: root,
    subject: 'CN=test JPKI Authentication CA',
    publicKey: authCaKeys.publicKey,
    notBefore: now,
    notAfter: later,
  });
  const urls = { crlUrl: 'http://127.0.0.1:1/crl/x.crl', ocspUrl: 'http://127.0.0.1:1/ocsp' };
  const chain = { rootPem, signCaPem, authCaPem };

  async function writeCard(path: string, o: { label?: string; pins?: Record<PinKind, string> } = {}) {
    const [authKeys, signKeys] = await Promise.all([generateRsaKeyPair(), generateRsaKeyPair()]);
    const cardSerial = String(100000000000 + Math.floor(Math.random() * 899999999999));
    const common = { cardSerial, notBefore: now, notAfter: later, urls };
    const sign = await issueSignatureCertificate({
      ...common,
      issuer: { certificatePem: signCaPem, signer: keyObjectSigner(signCaKeys.privateKey) },
      publicKey: signKeys.publicKey,
      serial: newSerial(),
      facts: testFacts,
    });
    const auth = await issueAuthCertificate({
      ...common,
      issuer: { certificatePem: authCaPem, signer: keyObjectSigner(authCaKeys.privateKey) },
      publicKey: authKeys.publicKey,
      serial: newSerial(),
    });
    await createCardFile(path, {
      cardSerial,
      ...(o.label ? { label: o.label } : {}),
      certificates: { sign, auth },
      chain,
      authKey: authKeys.privateKey,
      signKey: signKeys.privateKey,
      facts: testFacts,
      residentRef: 'agency:131016:00000000-0000-4000-8000-000000000001',
      pins: o.pins ?? testPins,
    });
    return { cardSerial, authKey: authKeys.privateKey, signKey: signKeys.privateKey };
  }
  return { chain, writeCard };
}
