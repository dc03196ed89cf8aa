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
  'national:digital': 'デジタル庁（マイナポータル：本人への開示）',
  'national:mhlw': '厚生労働大臣（雇用保険・労災保険）',
  'insurer:kyokai-kenpo': '全国健康保険協会（協会けんぽ）',
  'insurer:kenpo-kumiai': '健康保険組合',
  'insurer:kyosai': '共済組合',
  'insurer:kouki-kourei': '後期高齢者医療広域連合',
} as const;

export type AgencyKindCode = keyof typeof AGENCY_KINDS;

/**
 * Information types (特定個人情報の種類): the shared vocabulary in packages/reference. The file repeats the
 * Japanese name in `info_name` so it reads on its own; the loader insists the two agree.
 */
export { INFO_TYPES, type InfoTypeCode, isInfoType } from '@madoguchi/reference';

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
