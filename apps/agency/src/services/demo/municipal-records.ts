/**
 * What a municipality's intermediate server holds about its residents, generated for the demo from the
 * resident record itself (住民票) and the household model, so the records agree with each other: the
 * children in the head's 児童手当 are exactly the household's children under 18 in the 住民票.
 */
import type { InfoField, InfoRecord } from '@madoguchi/exchange';
import {
  addMonths,
  DEMO_AS_OF,
  type DemoMember,
  draw,
  type HouseholdModel,
  type PersonModel,
} from './demo-model.ts';
import { stableUuid } from './stable-id.ts';
import { vaccinationFields } from './vaccinations.ts';

export interface GeneratedRecord extends InfoRecord {
  agencyCode: string;
  fugo: string;
}

const f = (key: string, label: string, value: InfoField['value']): InfoField => ({ key, label, value });
const nameOf = (m: DemoMember) => `${m.familyName} ${m.givenName}`;

export function relationshipLabel(m: DemoMember): string {
  switch (m.relationship) {
    case 'head':
      return '世帯主';
    case 'spouse':
      return m.sex === 1 ? '夫' : '妻';
    case 'child':
      return '子';
    case 'parent':
      return m.sex === 1 ? '父' : '母';
    default:
      return '縁故者';
  }
}

function record(
  m: DemoMember,
  infoType: string,
  suffix: string,
  title: string,
  asOf: string,
  fields: InfoField[],
) {
  return {
    id: stableUuid(`info:${m.municipalityCode}:${m.fugo}:${infoType}:${suffix}`),
    agencyCode: m.municipalityCode,
    fugo: m.fugo,
    infoType,
    title,
    asOf,
    fields,
  };
}

function juminhyo(p: PersonModel, h: HouseholdModel): GeneratedRecord {
  const m = p.member;
  const head = h.members.find((x) => x.member.relationship === 'head')?.member ?? m;
  const fields = [
    f('name', '氏名', nameOf(m)),
    f('nameKana', '氏名（カナ）', `${m.familyKana} ${m.givenKana}`.trim()),
    f('birthDate', '生年月日', m.birthDate),
    f('sex', '性別', m.sex === 1 ? '男' : m.sex === 2 ? '女' : 'その他'),
    f('address', '住所', m.address),
    f('relationship', '続柄', relationshipLabel(m)),
    f('householdHead', '世帯主', nameOf(head)),
    f('householdSize', '世帯人数', h.members.length),
  ];
  h.members.forEach((x, i) => {
    const n = i + 1;
    fields.push(
      f(`member${n}Name`, `世帯員${n} 氏名`, nameOf(x.member)),
      f(`member${n}Relationship`, `世帯員${n} 続柄`, relationshipLabel(x.member)),
      f(`member${n}BirthDate`, `世帯員${n} 生年月日`, x.member.birthDate),
    );
  });
  return record(m, 'juminhyo', 'household', '住民票（世帯の記載事項）', DEMO_AS_OF, fields);
}

/** 個人住民税 for 令和6・7年度 (incomes of 2023 and 2024): 10% 所得割 and 5,000 yen 均等割 (incl. 森林環境税). */
function chihouzei(p: PersonModel, h: HouseholdModel): GeneratedRecord[] {
  const m = p.member;
  const dependents =
    p.member.relationship === 'head'
      ? h.members.filter((x) => x.income[2024] < 480_000 && x !== p).length
      : 0;
  return (
    [
      [6, 2023, '2024-06-01'],
      [7, 2024, '2025-06-01'],
    ] as const
  ).map(([reiwa, year, asOf]) => {
    const income = p.income[year];
    const exempt = h.publicAssistance || income <= 450_000 + dependents * 350_000;
    const taxable = exempt
      ? 0
      : Math.max(0, Math.floor((income - 430_000 - income * 0.15 - dependents * 330_000) / 1000) * 1000);
    const incomeLevy = Math.floor((taxable * 0.1) / 100) * 100;
    const perCapita = exempt ? 0 : 5000;
    return record(
      m,
      'chihouzei',
      `R${reiwa}`,
      `令和${reiwa}年度 個人住民税（市町村民税・道府県民税）`,
      asOf,
      [
        f('fiscalYear', '課税年度', `令和${reiwa}年度`),
        f('incomeYear', '対象年分', `${year}年分`),
        f('status', '課税区分', exempt ? '非課税' : '課税'),
        f('totalIncome', '総所得金額等（円）', income),
        f('dependents', '扶養親族の数', dependents),
        f('taxableIncome', '課税標準額（円）', taxable),
        f('incomeLevy', '所得割額（円）', incomeLevy),
        f('perCapitaLevy', '均等割額（円）', perCapita),
        f('annualTax', '年税額（円）', incomeLevy + perCapita),
      ],
    );
  });
}

/**
 * 児童手当 by the rules from 2024-10: 15,000 yen a month under 3, 10,000 yen from 3 to 18, 30,000
 * yen from the third child. Birth order counts the household's children up to 22 (the rule counts
 * older children the parents still support), but only those under 18 are paid for.
 */
export function childAllowance(h: HouseholdModel) {
  const children = h.members
    .filter((x) => x.member.relationship === 'child' && x.age < 22)
    .sort((a, b) => a.member.birthDate.localeCompare(b.member.birthDate));
  return children
    .map((c, i) => ({ child: c.member, age: c.age, order: i + 1 }))
    .filter((c) => c.age < 18)
    .map((c) => ({ ...c, monthly: c.order >= 3 ? 30_000 : c.age < 3 ? 15_000 : 10_000 }));
}

function jidouTeate(p: PersonModel, h: HouseholdModel): GeneratedRecord[] {
  const paid = childAllowance(h);
  if (p.member.relationship !== 'head' || paid.length === 0) return [];
  const fields = [f('recipient', '受給者', nameOf(p.member)), f('childCount', '支給対象児童数', paid.length)];
  paid.forEach((c, i) => {
    const n = i + 1;
    fields.push(
      f(`child${n}Name`, `対象児童${n} 氏名`, nameOf(c.child)),
      f(`child${n}BirthDate`, `対象児童${n} 生年月日`, c.child.birthDate),
      f(`child${n}Monthly`, `対象児童${n} 月額（円）`, c.monthly),
    );
  });
  fields.push(
    f(
      'monthlyTotal',
      '月額合計（円）',
      paid.reduce((s, c) => s + c.monthly, 0),
    ),
  );
  fields.push(f('paymentMonths', '支払月', '偶数月（前月分までの2か月分）'));
  return [record(p.member, 'jidou-teate', 'current', '児童手当（2024年10月以降の制度）', DEMO_AS_OF, fields)];
}

function yobouSesshu(p: PersonModel): GeneratedRecord[] {
  if (p.age >= 18) return [];
  const fields = vaccinationFields(p.member);
  if (fields.length === 0) return [];
  return [record(p.member, 'yobou-sesshu', 'routine', '予防接種の記録（定期接種）', DEMO_AS_OF, fields)];
}

function boshiHoken(p: PersonModel): GeneratedRecord[] {
  const m = p.member;
  if (p.age >= 3) return [];
  const checkups: [string, string, number][] = [
    ['checkup4m', '4か月児健康診査', 4],
    ['checkup10m', '10か月児健康診査', 10],
    ['checkup18m', '1歳6か月児健康診査', 18],
  ];
  const fields = [
    f('pregnancyNotified', '妊娠届出日', addMonths(m.birthDate, -7)),
    f('handbookIssued', '母子健康手帳交付日', addMonths(m.birthDate, -7, 3)),
    f('birthWeight', '出生体重（g）', 2500 + Math.floor(draw(m.id, 'weight') * 1300)),
  ];
  for (const [key, label, months] of checkups) {
    const date = addMonths(m.birthDate, months, Math.floor(draw(m.id, key) * 20));
    if (date <= DEMO_AS_OF) fields.push(f(key, label, date));
  }
  return [record(m, 'boshi-hoken', 'checkups', '母子保健（妊娠届出・乳幼児健康診査）', DEMO_AS_OF, fields)];
}

function shougai(p: PersonModel): GeneratedRecord[] {
  const r = draw(p.member.id, 'disability');
  if (r >= 0.03) return [];
  const kinds: [string, string][] = [
    ['身体障害者手帳', `${1 + (Math.floor(r * 200) % 6)}級`],
    ['療育手帳', r * 100 < 1.5 ? 'A' : 'B'],
    ['精神障害者保健福祉手帳', `${1 + (Math.floor(r * 300) % 3)}級`],
  ];
  const [kind, grade] = kinds[Math.floor(r * 100) % 3] as [string, string];
  const months = Math.max(
    1,
    Math.min(12 * p.age - 1, 12 + Math.floor(draw(p.member.id, 'd-issued') * 12 * p.age)),
  );
  const issued = addMonths(p.member.birthDate, months);
  return [
    record(p.member, 'shougai', 'handbook', '障害者手帳', DEMO_AS_OF, [
      f('kind', '手帳の種類', kind),
      f('grade', '等級・程度', grade),
      f('issuedOn', '交付日', issued),
    ]),
  ];
}

function seikatsuHogo(p: PersonModel, h: HouseholdModel): GeneratedRecord[] {
  if (!h.publicAssistance || p.member.relationship !== 'head') return [];
  const started = addMonths(DEMO_AS_OF, -(6 + Math.floor(draw(p.member.householdId, 'seiho-start') * 60)));
  return [
    record(p.member, 'seikatsu-hogo', 'current', '生活保護（保護の決定）', DEMO_AS_OF, [
      f('status', '保護の状況', '保護中'),
      f('startedOn', '保護開始日', started),
      f('householdSize', '保護世帯の人数', h.members.length),
      f('assistance', '扶助の種類', '生活扶助・住宅扶助・医療扶助'),
    ]),
  ];
}

/** Every record the household's municipality holds about each member. */
export function municipalRecords(h: HouseholdModel): GeneratedRecord[] {
  return h.members.flatMap((p) => [
    juminhyo(p, h),
    ...(p.age >= 18 ? chihouzei(p, h) : []),
    ...jidouTeate(p, h),
    ...yobouSesshu(p),
    ...boshiHoken(p),
    ...shougai(p),
    ...seikatsuHogo(p, h),
  ]);
}
