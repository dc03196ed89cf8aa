import { allAgencies, infoTypeNames as sharedInfoTypeNames } from '@madoguchi/reference';

type Lang = 'ja' | 'en';

/**
 * Names people read for the codes of the exchange network: information types from the shared
 * vocabulary (packages/reference), task names kept here (the hub's law table is the authority for the
 * codes, and an app never imports another app's code). An unknown code is shown as itself.
 */
const infoTypeNames: Record<string, [ja: string, en: string]> = Object.fromEntries(
  Object.entries(sharedInfoTypeNames).map(([code, n]) => [code, [n.ja, n.en]]),
);

/** Every information type the portal asks for on the person's behalf; the hub grants what the table allows. */
export const portalInfoTypes: readonly string[] = Object.keys(infoTypeNames);

const taskNames: Record<string, [ja: string, en: string]> = {
  'honnin-kaiji': [
    'マイナポータルによる本人への情報提供（自己情報表示）',
    'Showing you your own information (My Number Portal)',
  ],
  'boshi-hoken': [
    '母子保健法による健康診査の実施に関する事務',
    'Health check-ups under the Maternal and Child Health Act',
  ],
  'jidou-fuyou-teate': [
    '児童扶養手当法による児童扶養手当の支給に関する事務',
    'Paying the child rearing allowance',
  ],
  'jidou-teate': ['児童手当法による児童手当の支給に関する事務', 'Paying the child allowance'],
  'kaigo-hokenryo': [
    '介護保険法による保険料の徴収に関する事務',
    'Collecting long-term care insurance premiums',
  ],
  'kenpo-kyufu': ['健康保険法による保険給付の支給に関する事務', 'Paying health insurance benefits'],
  'kodomo-kyouiku-hoiku': [
    '子ども・子育て支援法による子どものための教育・保育給付の支給に関する事務',
    'Childcare and early education benefits',
  ],
  'kokuho-hokenryo': [
    '国民健康保険法による保険料の徴収に関する事務',
    'Collecting national health insurance premiums',
  ],
  'kokuho-shikaku': [
    '国民健康保険法による被保険者の資格に関する事務',
    'National health insurance eligibility',
  ],
  'kokunen-kyufu': ['国民年金法による年金給付の支給に関する事務', 'Paying national pension benefits'],
  'kokunen-menjo': ['国民年金法による保険料の免除に関する事務', 'Exempting national pension premiums'],
  'kouki-kyufu': [
    '高齢者の医療の確保に関する法律による後期高齢者医療給付の支給に関する事務',
    'Medical benefits for people aged 75 and over',
  ],
  'seikatsu-hogo': [
    '生活保護法による保護の決定及び実施に関する事務',
    'Deciding and providing public assistance',
  ],
  'shien-kyufukin': [
    '年金生活者支援給付金の支給に関する法律による年金生活者支援給付金の支給に関する事務',
    'Paying the supplementary benefit for pensioners',
  ],
  'shougai-jiritsu-shien': [
    '障害者の日常生活及び社会生活を総合的に支援するための法律による自立支援給付の支給に関する事務',
    'Disability support benefits',
  ],
  'tokubetsu-jidou-fuyou-teate': [
    '特別児童扶養手当等の支給に関する法律による特別児童扶養手当の支給に関する事務',
    'Paying the special child rearing allowance',
  ],
  'yobou-sesshu': ['予防接種法による予防接種の実施に関する事務', 'Vaccinations under the Immunization Act'],
};

const nationalEnglish: Record<string, string> = {
  jps: 'Japan Pension Service',
  'kyokai-kenpo': 'Japan Health Insurance Association',
  portal: 'Digital Agency (My Number Portal)',
  nta: 'National Tax Agency',
  hub: 'Information exchange network (hub)',
};

let agencyNames: Map<string, string> | undefined;

function agencyTable(): Map<string, string> {
  agencyNames ??= new Map(allAgencies().map((a) => [a.code, a.name]));
  return agencyNames;
}

export function infoTypeName(code: string, lang: Lang): string {
  const n = infoTypeNames[code];
  return n ? n[lang === 'ja' ? 0 : 1] : code;
}

export function taskName(code: string, lang: Lang): string {
  const n = taskNames[code];
  return n ? n[lang === 'ja' ? 0 : 1] : code;
}

export function isKnownTask(code: string): boolean {
  return Object.hasOwn(taskNames, code);
}

export function knownTasks(): string[] {
  return Object.keys(taskNames);
}

/** The agency's name: Japanese from the reference list; English for national bodies, else the Japanese name. */
export function agencyName(code: string, lang: Lang): string {
  if (lang === 'en' && nationalEnglish[code]) return nationalEnglish[code];
  if (code === 'hub') return '情報提供ネットワークシステム';
  return agencyTable().get(code) ?? code;
}
