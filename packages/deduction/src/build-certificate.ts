/** Builds an (unsigned) 控除証明書 document in the e-Tax layout. */
import { isValidCorporateNumber } from '@madoguchi/identifiers';
import {
  type DeductionKind,
  FORM_VERSION,
  formOf,
  type LifeInsuranceCategory,
  NS_GENERAL,
  NS_KYOTSU,
  TEG800,
  TEG822,
} from './layout.ts';

interface Common {
  issuer: { name: string; houjinBangou: string };
  recipientName: string;
  /** 証明日, YYYY-MM-DD. */
  certifiedOn: string;
  /** Free text for `softNM`; defaults to the demo service. */
  software?: string;
}

export interface LifeInsuranceInput extends Common {
  kind: 'life_insurance';
  year: number;
  policyNumber: string;
  insuranceType: string;
  insuredName: string;
  category: LifeInsuranceCategory;
  /** 保険料 (yen). */
  premium: number;
  /** 配当金 (yen), default 0. */
  dividend?: number;
}

export interface DonationInput extends Common {
  kind: 'donation';
  /** 寄附年月日, YYYY-MM-DD (the certificate's year is this date's year). */
  donatedOn: string;
  /** 寄附金額 (yen). */
  amount: number;
}

export type DeductionInput = LifeInsuranceInput | DonationInput;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function escapeXml(s: string): string {
  // Control characters other than tab/newline are not allowed in XML 1.0 at all.
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d)
      throw new TypeError('deduction: control character');
  }
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const el = (name: string, content: string) => `<${name}>${content}</${name}>`;
const text = (name: string, value: string) => el(name, escapeXml(value));

function date(name: string, ymd: string): string {
  const m = DATE.exec(ymd);
  if (!m) throw new TypeError(`deduction: ${name} must be YYYY-MM-DD`);
  return el(name, `<gen:yyyy>${m[1]}</gen:yyyy><gen:mm>${m[2]}</gen:mm><gen:dd>${m[3]}</gen:dd>`);
}

function yen(n: number, what: string): string {
  if (!Number.isSafeInteger(n) || n < 0 || n > 99_999_999_999)
    throw new TypeError(`deduction: ${what} is yen`);
  return String(n);
}

function check(input: DeductionInput): void {
  if (!isValidCorporateNumber(input.issuer.houjinBangou))
    throw new TypeError('deduction: the issuer 法人番号 is not valid');
  for (const [what, v] of [
    ['issuer name', input.issuer.name],
    ['recipient name', input.recipientName],
  ] as const)
    if (v.trim() === '' || v.length > 100) throw new TypeError(`deduction: ${what} must be 1–100 characters`);
}

function lifeBody(i: LifeInsuranceInput): string {
  if (!Number.isInteger(i.year) || i.year < 2000 || i.year > 2100) throw new TypeError('deduction: year');
  const dividend = i.dividend ?? 0;
  if (dividend > i.premium) throw new TypeError('deduction: dividend exceeds premium');
  const [group, premium, div, net] = TEG800.categories[i.category];
  const amounts = el(
    TEG800.certifiedAmount,
    el(
      TEG800.newSystem,
      el(
        group,
        el(premium, yen(i.premium, 'premium')) +
          el(div, yen(dividend, 'dividend')) +
          el(net, yen(i.premium - dividend, 'net')),
      ),
    ),
  );
  return (
    text(TEG800.company, i.issuer.name) +
    text(TEG800.houjinBangou, i.issuer.houjinBangou) +
    date(TEG800.certifiedOn, i.certifiedOn) +
    text(TEG800.policyholder, i.recipientName) +
    el(
      TEG800.detail,
      el(TEG800.year, `<gen:yyyy>${i.year}</gen:yyyy>`) +
        text(TEG800.policyNumber, i.policyNumber) +
        text(TEG800.insuranceType, i.insuranceType) +
        text(TEG800.insured, i.insuredName) +
        amounts,
    )
  );
}

function donationBody(i: DonationInput): string {
  return (
    text(TEG822.recipient, i.issuer.name) +
    text(TEG822.houjinBangou, i.issuer.houjinBangou) +
    date(TEG822.certifiedOn, i.certifiedOn) +
    el(
      TEG822.detail,
      text(TEG822.donor, i.recipientName) +
        date(TEG822.donatedOn, i.donatedOn) +
        el(TEG822.amount, yen(i.amount, 'amount')),
    )
  );
}

/** The document without its signature; the root's `id` is what the signature's Reference points at. */
export function buildDeductionXml(input: DeductionInput): string {
  check(input);
  if (!DATE.test(input.certifiedOn)) throw new TypeError('deduction: certifiedOn must be YYYY-MM-DD');
  const form = formOf[input.kind as DeductionKind];
  const body = input.kind === 'life_insurance' ? lifeBody(input) : donationBody(input);
  const attrs =
    `xmlns="${NS_KYOTSU}" xmlns:gen="${NS_GENERAL}" VR="${FORM_VERSION}" id="${form}" page="1"` +
    ` sakuseiDay="${input.certifiedOn}" sakuseiNM="${escapeXml(input.issuer.name)}"` +
    ` softNM="${escapeXml(input.software ?? 'madoguchi e-delivery (demo)')}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${form} ${attrs}>${body}</${form}>`;
}
