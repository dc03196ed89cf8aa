/**
 * The demo's model of a household's circumstances (work, income, pension category, insurer), derived
 * deterministically from resident ids so every run and every agency tells the same story: a 第1号
 * pensioner-to-be with a low income is exempt from premiums at 日本年金機構 AND non-taxable at the
 * municipality; a 第3号 spouse is a dependent at 協会けんぽ only when the head is insured there.
 */
import { createHash } from 'node:crypto';

/** Everything is computed as of this day, so the data does not change with the day the link runs. */
export const DEMO_AS_OF = '2026-04-01';

export interface DemoMember {
  id: string;
  municipalityCode: string;
  householdId: string;
  fugo: string;
  familyName: string;
  givenName: string;
  familyKana: string;
  givenKana: string;
  birthDate: string;
  sex: number;
  address: string;
  relationship: 'head' | 'spouse' | 'child' | 'parent' | 'other';
}

export type PensionCategory = '1' | '2' | '3';

export interface PersonModel {
  member: DemoMember;
  age: number;
  /** 国民年金の被保険者種別 (ages 20–64), otherwise null. */
  category: PensionCategory | null;
  /** 総所得金額等 for 2023 and 2024 (令和6・7年度 住民税の対象年分). */
  income: { 2023: number; 2024: number };
  kyokai: 'insured' | 'dependent' | null;
  /** Since when: employment (第2号) or the 20th birthday. */
  enrolledOn: string;
}

export interface HouseholdModel {
  members: PersonModel[];
  publicAssistance: boolean;
}

/** A number in [0, 1) fixed by the inputs: the same resident always draws the same. */
export function draw(...parts: string[]): number {
  return createHash('sha256').update(parts.join('\0')).digest().readUInt32BE(0) / 2 ** 32;
}

export function ageOn(birthDate: string, on = DEMO_AS_OF): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function addMonths(iso: string, months: number, days = 0): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 + months, Math.min(d, 28) + days));
  return date.toISOString().slice(0, 10);
}

const yen = (x: number) => Math.round(x / 1000) * 1000;

function categoryOf(m: DemoMember, age: number, head: PensionCategory | null, assisted: boolean) {
  if (age < 20 || age >= 65) return null;
  const r = draw(m.id, 'category');
  if (assisted) return '1';
  if (m.relationship === 'head') return r < 0.65 ? '2' : '1';
  if (m.relationship === 'spouse') return head === '2' ? (r < 0.6 ? '3' : '2') : '1';
  return r < 0.5 ? '2' : '1';
}

function incomeOf(m: DemoMember, age: number, category: PensionCategory | null, assisted: boolean): number {
  const r = draw(m.id, 'income');
  if (assisted || age < 18) return 0;
  if (age >= 65) return yen(600_000 + r * 1_900_000);
  if (category === '2') return yen(2_500_000 + r * 5_500_000);
  if (category === '3') return yen(r * 1_000_000);
  // 第1号 (self-employed, students, part-time): a third earn too little to be taxed.
  return r < 0.33 ? yen(r * 1_300_000) : yen(1_000_000 + r * 4_000_000);
}

/** The model of one household; members are ordered head, spouse, then the rest by birth date. */
export function householdModel(members: readonly DemoMember[]): HouseholdModel {
  const order = { head: 0, spouse: 1, parent: 2, child: 3, other: 4 } as const;
  const sorted = [...members].sort(
    (a, b) => order[a.relationship] - order[b.relationship] || a.birthDate.localeCompare(b.birthDate),
  );
  const head = sorted.find((m) => m.relationship === 'head') ?? sorted[0];
  const publicAssistance = head !== undefined && draw(head.householdId, 'public-assistance') < 0.02;
  let headCategory: PensionCategory | null = null;
  let headKyokai = false;
  const models: PersonModel[] = [];
  for (const m of sorted) {
    const age = ageOn(m.birthDate);
    const category = categoryOf(m, age, headCategory, publicAssistance);
    const kyokaiDraw = draw(m.id, 'kyokai');
    const kyokai: PersonModel['kyokai'] =
      category === '2' && kyokaiDraw < 0.6 ? 'insured' : category === '3' && headKyokai ? 'dependent' : null;
    if (m === head) {
      headCategory = category;
      headKyokai = kyokai === 'insured';
    }
    const twenty = addMonths(m.birthDate, 240);
    const enrolledOn =
      category === '2' ? addMonths(m.birthDate, 12 * (22 + Math.floor(draw(m.id, 'job') * 8))) : twenty;
    const income2024 = incomeOf(m, age, category, publicAssistance);
    models.push({
      member: m,
      age,
      category,
      income: { 2023: yen(income2024 * (0.9 + draw(m.id, 'growth') * 0.15)), 2024: income2024 },
      kyokai,
      enrolledOn: enrolledOn > DEMO_AS_OF ? DEMO_AS_OF : enrolledOn,
    });
  }
  return { members: models, publicAssistance };
}
