import { INFO_TYPES } from '@madoguchi/reference';

/**
 * Closed vocabularies of the catalogue. They are closed so that the portal can build its filters and
 * icons from them and a municipality cannot publish a category no resident will ever browse to.
 */
export const categories = [
  '子育て',
  '健康・医療',
  '福祉',
  '税',
  '住まい',
  '戸籍・住民票',
  '環境・ごみ',
  '教育',
  '防災',
  '事業者',
] as const;
export type Category = (typeof categories)[number];

/** ライフイベント as ぴったりサービス groups them. */
export const lifeEvents = [
  '妊娠・出産',
  '子育て',
  '引越し',
  '就職・退職',
  '結婚・離婚',
  '介護',
  'おくやみ',
  '入園・入学',
  'ひとり親',
  '障害',
] as const;
export type LifeEvent = (typeof lifeEvents)[number];

export const widgets = [
  'text',
  'textarea',
  'number',
  'date',
  'select',
  'radio',
  'checkbox',
  'postal-code',
  'phone',
  'email',
  'kana',
] as const;
export type Widget = (typeof widgets)[number];

/** What a resident may upload: what phone cameras and scanners produce, nothing executable. */
export const attachmentMediaTypes = ['application/pdf', 'image/jpeg', 'image/png', 'image/heic'] as const;
export type AttachmentMediaType = (typeof attachmentMediaTypes)[number];

/**
 * Paper documents that the information provision network replaces (情報連携により省略). Each names the
 * certificate a resident used to fetch from another office.
 */
export const hubDocuments = ['課税証明書', '所得証明書', '住民票の写し', '年金額のわかる書類'] as const;
export type HubDocument = (typeof hubDocuments)[number];

/** The exchange network's information types by their Japanese names (地方税関係情報 …), from @madoguchi/reference. */
export const hubInfoTypeNames = Object.values(INFO_TYPES) as string[];

export const payments = ['none', 'pay-easy', 'card'] as const;
export type Payment = (typeof payments)[number];

/** Who fills a form in: 就労証明書 is filled by the employer, everything else by the resident. */
export const fillers = ['resident', 'employer'] as const;
export type Filler = (typeof fillers)[number];

/** Code check digit of a 地方公共団体コード (総務省 方式: weights 6..2, modulus 11, last digit of 11 − r). */
export function isLocalGovCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 5; i++) sum += Number(code[i]) * (6 - i);
  return (11 - (sum % 11)) % 10 === Number(code[5]);
}
