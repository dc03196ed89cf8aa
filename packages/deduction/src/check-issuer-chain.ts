/** The signing certificate must chain to a configured trust anchor, be valid now, and not be a CA. */
import { X509Certificate } from 'node:crypto';

export type ChainFailure =
  | { reason: 'certificate_invalid'; detail: string }
  | { reason: 'untrusted_issuer'; detail: string }
  | { reason: 'certificate_expired'; detail: string };

function issuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** Every CERTIFICATE block in a PEM bundle. */
export function parsePemBundle(pem: string | readonly string[]): X509Certificate[] {
  const text = typeof pem === 'string' ? pem : pem.join('\n');
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new X509Certificate(b));
}

export function checkIssuerChain(
  certificateB64: string,
  anchors: readonly X509Certificate[],
  at: Date,
): { leaf: X509Certificate; anchor: X509Certificate } | ChainFailure {
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(Buffer.from(certificateB64, 'base64'));
  } catch {
    return { reason: 'certificate_invalid', detail: 'KeyInfo does not hold a certificate' };
  }
  if (leaf.ca)
    return {
      reason: 'certificate_invalid',
      detail: 'a CA certificate cannot sign certificates of deduction',
    };
  const key = leaf.publicKey;
  if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048)
    return { reason: 'certificate_invalid', detail: 'the signing key must be RSA ≥ 2048 bits' };
  const anchor = anchors.find((a) => a.ca && issuedBy(a, a) && issuedBy(leaf, a));
  if (!anchor)
    return { reason: 'untrusted_issuer', detail: 'the certificate does not chain to a trust anchor' };
  const t = at.getTime();
  for (const c of [leaf, anchor])
    if (t < c.validFromDate.getTime() || t > c.validToDate.getTime())
      return { reason: 'certificate_expired', detail: 'a certificate on the path is outside its validity' };
  return { leaf, anchor };
}
