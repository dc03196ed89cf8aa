/**
 * The subset of the e-Tax 電子的控除証明書 layout that madoguchi writes and reads (see ../README.md for
 * the sources and for which element codes are confirmed and which are modelled).
 */

export const NS_KYOTSU = 'http://xml.e-tax.nta.go.jp/XSD/kyotsu';
export const NS_GENERAL = 'http://xml.e-tax.nta.go.jp/XSD/general';
export const NS_DSIG = 'http://www.w3.org/2000/09/xmldsig#';

export const ALG_EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
export const ALG_ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
export const ALG_RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
export const ALG_SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';

export type DeductionKind = 'life_insurance' | 'donation';

/** 様式ID (form id) of each kind: TEG800 生命保険料控除証明書, TEG822 寄附金受領証明書. */
export const formOf: Record<DeductionKind, string> = { life_insurance: 'TEG800', donation: 'TEG822' };
export const kindOfForm: Record<string, DeductionKind> = { TEG800: 'life_insurance', TEG822: 'donation' };
export const FORM_VERSION = '1.0';

/** 生命保険料控除 新制度 categories: 一般 / 介護医療 / 個人年金. */
export type LifeInsuranceCategory = 'general' | 'medical' | 'pension';

/** TEG800 element codes (生命保険料控除証明書). */
export const TEG800 = {
  company: 'WCA00000', // 生命保険会社名
  houjinBangou: 'WCB00000', // 法人番号
  certifiedOn: 'WCC00000', // 証明日 (gen:yyyy/gen:mm/gen:dd)
  policyholder: 'WCD00000', // 契約者
  detail: 'WCE00000', // 明細 (repeats; one per contract)
  year: 'WCE00010', // 証明年 (gen:yyyy)
  policyNumber: 'WCE00040', // 証券番号
  insuranceType: 'WCE00050', // 保険種類
  insured: 'WCE00080', // 被保険者
  certifiedAmount: 'WCE00190', // 証明額
  newSystem: 'WCE00310', // 新制度
  // 新制度 category → [group, 保険料, 配当金, 差引保険料等合計額]
  categories: {
    general: ['WCE00320', 'WCE00330', 'WCE00340', 'WCE00350'],
    medical: ['WCE00360', 'WCE00370', 'WCE00380', 'WCE00390'],
    pension: ['WCE00400', 'WCE00410', 'WCE00420', 'WCE00430'],
  } satisfies Record<LifeInsuranceCategory, readonly [string, string, string, string]>,
} as const;

/** TEG822 element codes (寄附金受領証明書). Only WLB00050 is confirmed; see the README. */
export const TEG822 = {
  recipient: 'WLA00000', // 寄附金受領者 (the municipality) 名称 — modelled
  houjinBangou: 'WLA00010', // 法人番号 — modelled
  certifiedOn: 'WLA00020', // 証明日 — modelled
  detail: 'WLB00000', // 明細 — modelled
  donor: 'WLB00010', // 寄附者 氏名 — modelled
  donatedOn: 'WLB00020', // 寄附年月日 — modelled
  amount: 'WLB00050', // 寄附金額 — confirmed
} as const;
