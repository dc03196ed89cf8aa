/**
 * Information types of the exchange network (特定個人情報の種類): one closed vocabulary for the hub's law
 * table (which refuses a row naming anything else), the intermediate servers (which refuse a record of
 * any other type) and the portal (which shows the names). Reference data, like the agency list.
 */
export const infoTypeNames = {
  juminhyo: { ja: '住民票関係情報', en: 'Resident record' },
  chihouzei: { ja: '地方税関係情報', en: 'Local tax' },
  'jidou-teate': { ja: '児童手当関係情報', en: 'Child allowance' },
  'jidou-fuyou-teate': { ja: '児童扶養手当関係情報', en: 'Child rearing allowance' },
  shougai: { ja: '障害者関係情報', en: 'Disability' },
  'seikatsu-hogo': { ja: '生活保護関係情報', en: 'Public assistance' },
  'nenkin-kanyu': { ja: '年金加入者情報', en: 'Pension enrolment' },
  'nenkin-kyufu': { ja: '年金給付関係情報', en: 'Pension benefits' },
  'hokenryo-nofu': { ja: '保険料納付関係情報', en: 'Premium payments' },
  'yobou-sesshu': { ja: '予防接種関係情報', en: 'Vaccinations' },
  'boshi-hoken': { ja: '母子保健関係情報', en: 'Maternal and child health' },
  iryouhi: { ja: '医療保険給付関係情報', en: 'Medical expenses' },
  'iryou-hoken-shikaku': { ja: '医療保険資格関係情報', en: 'Health insurance eligibility' },
  'shoubyou-teate': { ja: '傷病手当金関係情報', en: 'Sickness allowance' },
  rousai: { ja: '労働者災害補償保険給付関係情報', en: "Workers' accident compensation" },
  'koyou-hoken': { ja: '雇用保険給付関係情報', en: 'Employment insurance benefits' },
} as const;

export type InfoTypeCode = keyof typeof infoTypeNames;

export function isInfoType(s: string): s is InfoTypeCode {
  return Object.hasOwn(infoTypeNames, s);
}

/** Code → Japanese name, the form the law table's `info_name` column repeats. */
export const INFO_TYPES = Object.fromEntries(
  Object.entries(infoTypeNames).map(([code, n]) => [code, n.ja]),
) as { readonly [K in InfoTypeCode]: (typeof infoTypeNames)[K]['ja'] };
