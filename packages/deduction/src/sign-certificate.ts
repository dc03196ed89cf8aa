/** XMLDSig for 控除証明書: enveloped, exclusive C14N, RSA-SHA256, the issuer certificate in KeyInfo. */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { ALG_ENVELOPED, ALG_EXC_C14N, ALG_RSA_SHA256, ALG_SHA256 } from './layout.ts';

export interface IssuerKey {
  /** PKCS#8 PEM of the RSA private key. */
  privateKeyPem: string;
  /** The issuer's (company's) certificate, PEM. */
  certificatePem: string;
}

export function signDeductionXml(xml: string, key: IssuerKey): string {
  const cert = new X509Certificate(key.certificatePem);
  if (!cert.checkPrivateKey(createPrivateKey(key.privateKeyPem)))
    throw new TypeError('deduction: the private key does not match the certificate');
  const sig = new SignedXml({
    privateKey: key.privateKeyPem,
    publicCert: key.certificatePem,
    signatureAlgorithm: ALG_RSA_SHA256,
    canonicalizationAlgorithm: ALG_EXC_C14N,
  });
  // The whole document: the root element, referenced by its id (as e-Tax documents do).
  sig.addReference({ xpath: '/*', transforms: [ALG_ENVELOPED, ALG_EXC_C14N], digestAlgorithm: ALG_SHA256 });
  sig.computeSignature(xml, { prefix: 'dsig', location: { reference: '/*', action: 'append' } });
  return sig.getSignedXml();
}
