/**
 * verifyDeduction: a visible pipeline of named checks —
 * parseStrict → checkForm → checkSignatureShape → checkIssuerChain → checkXmlSignature (xml-crypto)
 * → readSignedContent (fields only from what was signed) → checkHoujinBangou → checkIssuerBinding.
 */

import type { X509Certificate } from 'node:crypto';
import { isValidCorporateNumber } from '@madoguchi/identifiers';
import { SignedXml } from 'xml-crypto';
import { checkIssuerChain, parsePemBundle } from './check-issuer-chain.ts';
import { checkSignatureShape } from './check-signature-shape.ts';
import type { XmlDocument, XmlElement } from './dom-types.ts';
import { type DeductionKind, kindOfForm, NS_GENERAL, NS_KYOTSU, TEG800, TEG822 } from './layout.ts';
import { onlyChild, parseStrict } from './read-xml.ts';

export type DeductionFailureReason =
  | 'malformed'
  | 'unsupported_form'
  | 'signature_missing'
  | 'algorithm_not_allowed'
  | 'reference_scope'
  | 'certificate_invalid'
  | 'untrusted_issuer'
  | 'certificate_expired'
  | 'signature_invalid'
  | 'issuer_mismatch'
  | 'invalid_houjin_bangou'
  | 'content_invalid';

export interface VerifiedDeduction {
  ok: true;
  kind: DeductionKind;
  /** 様式ID, e.g. TEG800. */
  form: string;
  year: number;
  /** The deductible amount certified (yen): 差引保険料等合計額 or 寄附金額. */
  amount: number;
  issuer: { name: string; houjinBangou: string };
  recipientName: string;
  certifiedOn: string;
  signer: { subject: string; serialNumber: string; fingerprint256: string; validTo: string };
}

export interface DeductionFailure {
  ok: false;
  reason: DeductionFailureReason;
  detail: string;
}

export type DeductionVerification = VerifiedDeduction | DeductionFailure;

const fail = (reason: DeductionFailureReason, detail: string): DeductionFailure => ({
  ok: false,
  reason,
  detail,
});

function checkXmlSignature(xml: string, signature: XmlElement, leaf: X509Certificate): string | undefined {
  const sig = new SignedXml({ publicCert: leaf.toString(), getCertFromKeyInfo: () => null });
  try {
    sig.loadSignature(signature as never);
    if (!sig.checkSignature(xml)) return undefined;
  } catch {
    return undefined;
  }
  const refs = sig.getSignedReferences();
  return refs.length === 1 ? refs[0] : undefined;
}

const k = (parent: XmlElement | undefined, name: string) =>
  parent ? onlyChild(parent, NS_KYOTSU, name) : undefined;
const textOf = (e: XmlElement | undefined) => e?.textContent?.trim() ?? '';

function ymd(e: XmlElement | undefined): string | undefined {
  if (!e) return undefined;
  const part = (n: string) => textOf(onlyChild(e, NS_GENERAL, n));
  const s = `${part('yyyy')}-${part('mm')}-${part('dd')}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined;
}

function yen(e: XmlElement | undefined): number | undefined {
  const s = textOf(e);
  return /^\d{1,11}$/.test(s) ? Number(s) : undefined;
}

interface Content {
  year: number;
  amount: number;
  issuerName: string;
  houjinBangou: string;
  recipientName: string;
  certifiedOn: string;
}

function readLifeInsurance(root: XmlElement): Content | undefined {
  const detail = k(root, TEG800.detail);
  const amounts = k(k(detail, TEG800.certifiedAmount), TEG800.newSystem);
  let amount = 0;
  let found = 0;
  for (const [group, , , net] of Object.values(TEG800.categories)) {
    const g = k(amounts, group);
    if (!g) continue;
    const v = yen(k(g, net));
    if (v === undefined) return undefined;
    amount += v;
    found++;
  }
  const year = Number(textOf(onlyChild(k(detail, TEG800.year) as XmlElement, NS_GENERAL, 'yyyy')));
  const certifiedOn = ymd(k(root, TEG800.certifiedOn));
  if (!detail || found === 0 || !Number.isInteger(year) || year < 2000 || !certifiedOn) return undefined;
  return {
    year,
    amount,
    issuerName: textOf(k(root, TEG800.company)),
    houjinBangou: textOf(k(root, TEG800.houjinBangou)),
    recipientName: textOf(k(root, TEG800.policyholder)),
    certifiedOn,
  };
}

function readDonation(root: XmlElement): Content | undefined {
  const detail = k(root, TEG822.detail);
  const donatedOn = ymd(k(detail, TEG822.donatedOn));
  const amount = yen(k(detail, TEG822.amount));
  const certifiedOn = ymd(k(root, TEG822.certifiedOn));
  if (!detail || !donatedOn || amount === undefined || !certifiedOn) return undefined;
  return {
    year: Number(donatedOn.slice(0, 4)),
    amount,
    issuerName: textOf(k(root, TEG822.recipient)),
    houjinBangou: textOf(k(root, TEG822.houjinBangou)),
    recipientName: textOf(k(detail, TEG822.donor)),
    certifiedOn,
  };
}

export interface VerifyDeductionOptions {
  now?: Date;
}

export function verifyDeduction(
  xml: string,
  trustAnchorsPem: string | readonly string[],
  options: VerifyDeductionOptions = {},
): DeductionVerification {
  let doc: XmlDocument;
  try {
    doc = parseStrict(xml);
  } catch (e) {
    return fail('malformed', (e as Error).message);
  }
  const root = doc.documentElement;
  const kind = root.namespaceURI === NS_KYOTSU ? kindOfForm[root.localName] : undefined;
  if (!kind) return fail('unsupported_form', 'the root is not a supported 控除証明書 様式');

  const shape = checkSignatureShape(doc);
  if ('reason' in shape) return fail(shape.reason, shape.detail);

  let anchors: X509Certificate[];
  try {
    anchors = parsePemBundle(trustAnchorsPem);
  } catch {
    anchors = [];
  }
  if (anchors.length === 0) return fail('untrusted_issuer', 'no trust anchor is configured');
  const chain = checkIssuerChain(shape.certificateB64, anchors, options.now ?? new Date());
  if ('reason' in chain) return fail(chain.reason, chain.detail);

  const signed = checkXmlSignature(xml, shape.signature, chain.leaf);
  if (!signed) return fail('signature_invalid', 'the signature or the digest does not verify');

  // Read the fields from the signed bytes only, never from the original tree.
  let content: Content | undefined;
  try {
    const signedRoot = parseStrict(signed).documentElement;
    if (signedRoot.namespaceURI !== NS_KYOTSU || signedRoot.localName !== root.localName)
      return fail('reference_scope', 'the signed element is not the document');
    content = kind === 'life_insurance' ? readLifeInsurance(signedRoot) : readDonation(signedRoot);
  } catch (e) {
    return fail('malformed', (e as Error).message);
  }
  if (!content?.issuerName || !content.recipientName)
    return fail('content_invalid', 'required fields are missing or malformed');

  if (!isValidCorporateNumber(content.houjinBangou))
    return fail('invalid_houjin_bangou', 'the 法人番号 check digit is wrong');
  const subjectSerial = /^serialNumber=(.*)$/m.exec(chain.leaf.subject)?.[1];
  if (subjectSerial !== content.houjinBangou)
    return fail('issuer_mismatch', 'the 法人番号 in the document is not the signer’s');

  return {
    ok: true,
    kind,
    form: root.localName,
    year: content.year,
    amount: content.amount,
    issuer: { name: content.issuerName, houjinBangou: content.houjinBangou },
    recipientName: content.recipientName,
    certifiedOn: content.certifiedOn,
    signer: {
      subject: chain.leaf.subject,
      serialNumber: chain.leaf.serialNumber,
      fingerprint256: chain.leaf.fingerprint256,
      validTo: chain.leaf.validToDate.toISOString(),
    },
  };
}
