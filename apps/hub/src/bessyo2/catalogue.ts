/**
 * The closed vocabularies of the law table. A row naming anything outside these sets is refused at
 * load time, so a typo in the file cannot silently grant or withhold an exchange.
 */

/** Who may appear as 情報照会者 or 情報提供者, by kind rather than by individual agency. */
export const AGENCY_KINDS = {
  municipality: '市町村（特別区・指定都市の区を含む）',
  prefecture: '都道府県',
  'national:nenkin': '日本年金機構',
  'national:nta': '国税庁',
  'national:mhlw': '厚生労働大臣（雇用保険・労災保険）',
  'insurer:kyokai-kenpo': '全国健康保険協会（協会けんぽ）',
  'insurer:kenpo-kumiai': '健康保険組合',
  'insurer:kyosai': '共済組合',
  'insurer:kouki-kourei': '後期高齢者医療広域連合',
} as const;

export type AgencyKindCode = keyof typeof AGENCY_KINDS;

/**
 * Information types (特定個人情報の種類). The file repeats the Japanese name in `info_name` so it reads
 * on its own; the loader insists the two agree.
 */
export const INFO_TYPES = {
  juminhyo: '住民票関係情報',
  chihouzei: '地方税関係情報',
  'jidou-teate': '児童手当関係情報',
  'jidou-fuyou-teate': '児童扶養手当関係情報',
  shougai: '障害者関係情報',
  'seikatsu-hogo': '生活保護関係情報',
  'nenkin-kanyu': '年金加入者情報',
  'nenkin-kyufu': '年金給付関係情報',
  'hokenryo-nofu': '保険料納付関係情報',
  'yobou-sesshu': '予防接種関係情報',
  'boshi-hoken': '母子保健関係情報',
  iryouhi: '医療保険給付関係情報',
  'iryou-hoken-shikaku': '医療保険資格関係情報',
  'shoubyou-teate': '傷病手当金関係情報',
  rousai: '労働者災害補償保険給付関係情報',
  'koyou-hoken': '雇用保険給付関係情報',
} as const;

export type InfoTypeCode = keyof typeof INFO_TYPES;

/** Columns every file must have, in any order. */
export const REQUIRED_COLUMNS = [
  'row_id',
  'version',
  'effective_from',
  'effective_to',
  'querier_kind',
  'task_code',
  'task_name',
  'provider_kind',
  'info_type',
  'info_name',
  'basis',
] as const;

/** Columns a file may add for people; the loader keeps them out of the typed row. */
export const OPTIONAL_COLUMNS = ['note'] as const;

export function isAgencyKind(s: string): s is AgencyKindCode {
  return Object.hasOwn(AGENCY_KINDS, s);
}

export function isInfoType(s: string): s is InfoTypeCode {
  return Object.hasOwn(INFO_TYPES, s);
}
