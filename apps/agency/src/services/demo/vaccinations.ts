/**
 * The routine immunization schedule (定期接種, 予防接種法) as the demo applies it: each dose at the
 * usual age in months. Children born from 2024-04 get 五種混合 (DPT-IPV-Hib); older children 四種混合
 * and ヒブ separately, as they did. Only doses due by the demo date appear.
 */
import type { InfoField } from '@madoguchi/exchange';
import { addMonths, DEMO_AS_OF, type DemoMember, draw } from './demo-model.ts';

type Dose = [key: string, label: string, months: number];

const common: Dose[] = [
  ['hepb-1', 'B型肝炎 第1回', 2],
  ['hepb-2', 'B型肝炎 第2回', 3],
  ['hepb-3', 'B型肝炎 第3回', 8],
  ['pcv-1', '小児用肺炎球菌 第1回', 2],
  ['pcv-2', '小児用肺炎球菌 第2回', 3],
  ['pcv-3', '小児用肺炎球菌 第3回', 4],
  ['pcv-4', '小児用肺炎球菌 追加', 12],
  ['bcg', 'BCG', 5],
  ['mr-1', '麻しん風しん（MR） 第1期', 12],
  ['varicella-1', '水痘 第1回', 12],
  ['varicella-2', '水痘 第2回', 18],
  ['mr-2', '麻しん風しん（MR） 第2期', 72],
  ['je-1', '日本脳炎 第1期 第1回', 36],
  ['je-2', '日本脳炎 第1期 第2回', 37],
  ['je-3', '日本脳炎 第1期 追加', 48],
  ['je-4', '日本脳炎 第2期', 108],
  ['dt-2', '二種混合（DT） 第2期', 132],
];
const fiveInOne: Dose[] = [
  ['dpt-ipv-hib-1', '五種混合 第1期 第1回', 2],
  ['dpt-ipv-hib-2', '五種混合 第1期 第2回', 3],
  ['dpt-ipv-hib-3', '五種混合 第1期 第3回', 4],
  ['dpt-ipv-hib-4', '五種混合 第1期 追加', 13],
];
const fourInOne: Dose[] = [
  ['dpt-ipv-1', '四種混合 第1期 第1回', 3],
  ['dpt-ipv-2', '四種混合 第1期 第2回', 4],
  ['dpt-ipv-3', '四種混合 第1期 第3回', 5],
  ['dpt-ipv-4', '四種混合 第1期 追加', 18],
  ['hib-1', 'ヒブ 第1回', 2],
  ['hib-2', 'ヒブ 第2回', 3],
  ['hib-3', 'ヒブ 第3回', 4],
  ['hib-4', 'ヒブ 追加', 12],
];
const rotavirus: Dose[] = [
  ['rota-1', 'ロタウイルス 第1回', 2],
  ['rota-2', 'ロタウイルス 第2回', 3],
];

export function vaccinationFields(m: DemoMember): InfoField[] {
  const doses = [
    ...common,
    ...(m.birthDate >= '2024-04-01' ? fiveInOne : fourInOne),
    // Routine since 2020-10 (born from 2020-08).
    ...(m.birthDate >= '2020-08-01' ? rotavirus : []),
  ].sort((a, b) => a[2] - b[2] || a[0].localeCompare(b[0]));
  const fields: InfoField[] = [];
  for (const [key, label, months] of doses) {
    const date = addMonths(m.birthDate, months, Math.floor(draw(m.id, key) * 25));
    if (date <= DEMO_AS_OF) fields.push({ key, label, value: date });
  }
  return fields;
}
