/**
 * What 日本年金機構 (jps) and 協会けんぽ (kyokai-kenpo) hold about a person, from the same household
 * model as the municipality's records: a 第1号 with an income too low to be taxed is exempt from
 * premiums, a 第3号 spouse is a dependent at 協会けんぽ only when the head is insured there.
 */
import type { InfoField } from '@madoguchi/exchange';
import { addMonths, DEMO_AS_OF, draw, type HouseholdModel, type PersonModel } from './demo-model.ts';
import type { GeneratedRecord } from './municipal-records.ts';
import { stableUuid } from './stable-id.ts';

const f = (key: string, label: string, value: InfoField['value']): InfoField => ({ key, label, value });

/** Who each national agency holds a copy for (the people who gave it their My Number). */
export function copyHolders(p: PersonModel): ('jps' | 'kyokai-kenpo')[] {
  const out: ('jps' | 'kyokai-kenpo')[] = [];
  if (p.age >= 20) out.push('jps');
  if (p.kyokai) out.push('kyokai-kenpo');
  return out;
}

const categoryLabel = { '1': '第1号被保険者', '2': '第2号被保険者', '3': '第3号被保険者' } as const;
/** 国民年金保険料（月額）: 令和7年度. */
const MONTHLY_PREMIUM = 17_510;
const NON_TAXABLE_LIMIT = 450_000;

function jpsRecords(p: PersonModel, fugo: string, h: HouseholdModel): GeneratedRecord[] {
  const rec = (infoType: string, suffix: string, title: string, fields: InfoField[]) => ({
    id: stableUuid(`info:jps:${fugo}:${infoType}:${suffix}`),
    agencyCode: 'jps',
    fugo,
    infoType,
    title,
    asOf: DEMO_AS_OF,
    fields,
  });
  const out: GeneratedRecord[] = [];
  if (p.category) {
    out.push(
      rec('nenkin-kanyu', 'current', '国民年金 被保険者資格', [
        f('category', '被保険者種別', categoryLabel[p.category]),
        f('acquiredOn', '資格取得日', p.enrolledOn),
        f('scheme', '加入制度', p.category === '2' ? '国民年金・厚生年金保険' : '国民年金'),
      ]),
    );
  }
  if (p.category === '1') {
    // 免除 when the household is on public assistance or the person's income is below the limit.
    const exempt = h.publicAssistance || p.income[2024] <= NON_TAXABLE_LIMIT;
    const months: InfoField[] = [];
    for (let i = 0; i < 12; i++) {
      const month = addMonths('2025-04-01', i).slice(0, 7);
      const unpaid = !exempt && draw(p.member.id, 'premium', month) < 0.08;
      months.push(
        f(
          `m${month}`,
          `${Number(month.slice(0, 4))}年${Number(month.slice(5))}月`,
          exempt ? '全額免除' : unpaid ? '未納' : `納付済（${MONTHLY_PREMIUM.toLocaleString('ja-JP')}円）`,
        ),
      );
    }
    out.push(
      rec('hokenryo-nofu', 'FY2025', '国民年金保険料の納付状況（2025年4月〜2026年3月）', [
        f('monthlyPremium', '保険料月額（円）', MONTHLY_PREMIUM),
        f('exemption', '免除', exempt ? '全額免除（申請による）' : 'なし'),
        ...months,
      ]),
    );
  }
  if (p.age >= 65) {
    // 令和7年度 満額: 831,700 yen (born 1956-04-02 or later), 829,300 yen (earlier).
    const full = p.member.birthDate >= '1956-04-02' ? 831_700 : 829_300;
    const basic = Math.round((full * (0.7 + draw(p.member.id, 'years') * 0.3)) / 100) * 100;
    const employees =
      draw(p.member.id, 'worked') < 0.6
        ? Math.round((400_000 + draw(p.member.id, 'kosei') * 1_400_000) / 100) * 100
        : 0;
    out.push(
      rec('nenkin-kyufu', 'R7', '年金給付（令和7年度）', [
        f('basicPension', '老齢基礎年金（年額・円）', basic),
        f('employeesPension', '老齢厚生年金（年額・円）', employees),
        f('annualTotal', '年金額合計（年額・円）', basic + employees),
        f('paymentStart', '支給開始年月', addMonths(p.member.birthDate, 65 * 12 + 1).slice(0, 7)),
        f('paymentMonths', '支払月', '偶数月（前2か月分）'),
      ]),
    );
  }
  return out;
}

function kyokaiRecords(p: PersonModel, fugo: string): GeneratedRecord[] {
  const rec = (infoType: string, suffix: string, title: string, asOf: string, fields: InfoField[]) => ({
    id: stableUuid(`info:kyokai-kenpo:${fugo}:${infoType}:${suffix}`),
    agencyCode: 'kyokai-kenpo',
    fugo,
    infoType,
    title,
    asOf,
    fields,
  });
  const branch = p.member.address.match(/^(東京都|北海道|(?:京都|大阪)府|.{2,3}県)/)?.[1] ?? '';
  const insured = p.kyokai === 'insured';
  const share = p.age >= 70 ? 0.2 : 0.3;
  const months: InfoField[] = [];
  let total = 0;
  let own = 0;
  for (let i = 0; i < 12; i++) {
    const month = `2025-${String(i + 1).padStart(2, '0')}`;
    const r = draw(p.member.id, 'medical', month);
    const cost = r < 0.55 ? 0 : Math.round((3_000 + r * r * 60_000) / 10) * 10;
    total += cost;
    own += Math.round((cost * share) / 10) * 10;
    months.push(f(`m${month}`, `2025年${i + 1}月 医療費総額（円）`, cost));
  }
  return [
    rec('iryou-hoken-shikaku', 'current', '健康保険 資格情報', DEMO_AS_OF, [
      f('insurer', '保険者', `全国健康保険協会 ${branch}支部`),
      f('status', '被保険者・被扶養者の別', insured ? '被保険者（本人）' : '被扶養者（家族）'),
      f('acquiredOn', '資格取得日', p.enrolledOn),
      f('copayShare', '一部負担金の割合', `${share * 10}割`),
    ]),
    rec('iryouhi', '2025', '医療費のお知らせ（2025年1月〜12月診療分）', '2026-01-31', [
      ...months,
      f('total', '医療費総額 合計（円）', total),
      f('copay', '窓口負担相当額 合計（円）', own),
    ]),
  ];
}

/** The national agencies' records for one person, given the copy link codes they received. */
export function nationalRecords(
  p: PersonModel,
  h: HouseholdModel,
  fugoAt: Partial<Record<'jps' | 'kyokai-kenpo', string>>,
): GeneratedRecord[] {
  return [
    ...(fugoAt.jps ? jpsRecords(p, fugoAt.jps, h) : []),
    ...(fugoAt['kyokai-kenpo'] ? kyokaiRecords(p, fugoAt['kyokai-kenpo']) : []),
  ];
}
