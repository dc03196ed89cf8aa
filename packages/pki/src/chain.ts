import { verify, type X509Certificate } from 'node:crypto';

export type ChainResult = 'ok' | 'untrusted' | 'expired' | 'not_yet_valid';

/** checkIssued matches names, AKI/SKI and the issuer's keyCertSign; verify checks the signature math. */
function issuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/**
 * The fixed three-level JPKI path: leaf ← issuing CA ← root. `root` is the caller's trust anchor (its
 * self-signature is checked too, so a wrong file fails loudly). Signatures are judged before dates, so
 * a forged certificate is 'untrusted' even when it is also expired.
 */
export function verifyChain(o: {
  leaf: X509Certificate;
  issuer: X509Certificate;
  root: X509Certificate;
  at: Date;
}): ChainResult {
  if (!o.root.ca || !issuedBy(o.root, o.root)) return 'untrusted';
  if (!o.issuer.ca || !issuedBy(o.issuer, o.root)) return 'untrusted';
  if (!issuedBy(o.leaf, o.issuer)) return 'untrusted';
  const at = o.at.getTime();
  const certs = [o.leaf, o.issuer, o.root];
  if (certs.some((c) => at < c.validFromDate.getTime())) return 'not_yet_valid';
  if (certs.some((c) => at > c.validToDate.getTime())) return 'expired';
  return 'ok';
}

/** RSASSA-PKCS1-v1_5 with SHA-256 under the certificate's key; false (never a throw) for any failure. */
export function verifyRsaSha256(o: {
  certificate: X509Certificate;
  data: Buffer;
  signature: Buffer;
}): boolean {
  try {
    if (o.certificate.publicKey.asymmetricKeyType !== 'rsa') return false;
    return verify('sha256', o.data, o.certificate.publicKey, o.signature);
  } catch {
    return false;
  }
}
