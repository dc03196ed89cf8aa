/**
 * Structural checks on the XMLDSig before any cryptography: one enveloped Signature directly under the
 * root, the allowed algorithms only, and exactly one Reference that covers the whole document (the root,
 * by its unique id, or URI=""). These close signature-wrapping: the signed element is the document.
 */
import type { XmlDocument, XmlElement } from './dom-types.ts';
import { ALG_ENVELOPED, ALG_EXC_C14N, ALG_RSA_SHA256, ALG_SHA256, NS_DSIG } from './layout.ts';
import { allElements, childElements, onlyChild } from './read-xml.ts';

export type ShapeFailure =
  | { reason: 'signature_missing'; detail: string }
  | { reason: 'algorithm_not_allowed'; detail: string }
  | { reason: 'reference_scope'; detail: string };

export interface SignatureShape {
  signature: XmlElement;
  certificateB64: string;
}

const alg = (parent: XmlElement, name: string) => onlyChild(parent, NS_DSIG, name)?.getAttribute('Algorithm');

export function checkSignatureShape(doc: XmlDocument): SignatureShape | ShapeFailure {
  const root = doc.documentElement;
  const all = allElements(doc).filter((e) => e.namespaceURI === NS_DSIG && e.localName === 'Signature');
  const direct = childElements(root, NS_DSIG, 'Signature');
  if (all.length === 0) return { reason: 'signature_missing', detail: 'no dsig:Signature' };
  if (all.length !== 1 || direct.length !== 1)
    return { reason: 'reference_scope', detail: 'exactly one Signature, directly under the root' };
  const signature = direct[0] as XmlElement;
  const signedInfo = onlyChild(signature, NS_DSIG, 'SignedInfo');
  if (!signedInfo) return { reason: 'signature_missing', detail: 'no SignedInfo' };
  if (alg(signedInfo, 'CanonicalizationMethod') !== ALG_EXC_C14N)
    return { reason: 'algorithm_not_allowed', detail: 'canonicalization must be exclusive C14N' };
  if (alg(signedInfo, 'SignatureMethod') !== ALG_RSA_SHA256)
    return { reason: 'algorithm_not_allowed', detail: 'signature must be RSA-SHA256' };
  const refs = childElements(signedInfo, NS_DSIG, 'Reference');
  if (refs.length !== 1) return { reason: 'reference_scope', detail: 'exactly one Reference' };
  const ref = refs[0] as XmlElement;
  if (alg(ref, 'DigestMethod') !== ALG_SHA256)
    return { reason: 'algorithm_not_allowed', detail: 'digest must be SHA-256' };
  const transforms = onlyChild(ref, NS_DSIG, 'Transforms');
  const algs = transforms
    ? childElements(transforms, NS_DSIG, 'Transform').map((t) => t.getAttribute('Algorithm'))
    : [];
  if (algs.length !== 2 || algs[0] !== ALG_ENVELOPED || algs[1] !== ALG_EXC_C14N)
    return {
      reason: 'algorithm_not_allowed',
      detail: 'transforms must be enveloped-signature then exc-c14n',
    };

  const uri = ref.getAttribute('URI') ?? '';
  if (uri !== '') {
    const rootId = root.getAttribute('id') || root.getAttribute('Id') || root.getAttribute('ID');
    if (!rootId || uri !== `#${rootId}`)
      return { reason: 'reference_scope', detail: 'the Reference must be the root' };
    // An id shared with any other element would let a verifier resolve the reference elsewhere.
    const sameId = allElements(doc).filter((e) =>
      ['id', 'Id', 'ID'].some((a) => e.getAttribute(a) === rootId),
    );
    if (sameId.length !== 1) return { reason: 'reference_scope', detail: 'the root id is not unique' };
  }

  const keyInfo = onlyChild(signature, NS_DSIG, 'KeyInfo');
  const x509Data = keyInfo && onlyChild(keyInfo, NS_DSIG, 'X509Data');
  const certs = x509Data ? childElements(x509Data, NS_DSIG, 'X509Certificate') : [];
  if (certs.length !== 1)
    return { reason: 'signature_missing', detail: 'KeyInfo needs exactly one X509Certificate' };
  const certificateB64 = (certs[0]?.textContent ?? '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(certificateB64))
    return { reason: 'signature_missing', detail: 'X509Certificate is not base64' };
  return { signature, certificateB64 };
}
