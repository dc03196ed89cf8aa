/**
 * Compiles a validated segment rule (services/notices/segment-rule.ts) to one SQL query over the agency's
 * own records. Every value is a bound parameter; only field names and operators from closed maps become
 * SQL text. Recipients are walked in link-code order with a keyset cursor (docs/notices.md).
 */
import { type Kysely, type RawBuilder, sql } from '@madoguchi/db';
import type { Condition, SegmentRule } from '../services/notices/segment-rule.ts';
import type { AgencyDB } from './schema.ts';

type Db = Kysely<AgencyDB>;

/** Who a notice goes to, as the recipient walk sees it. */
export type RecipientSource =
  | { type: 'segment'; tenant: string; municipal: boolean; rule: SegmentRule; asOf: string }
  | { type: 'person'; tenant: string; municipal: boolean; fugo: string }
  | { type: 'schedule'; noticeId: string };

const opSql = { eq: '=', ne: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

function compare(expr: RawBuilder<unknown>, c: Condition, arrayType: 'text' | 'int'): RawBuilder<unknown> {
  if (c.op === 'in') return sql`${expr} = any(${c.value}::${sql.raw(arrayType)}[])`;
  if (c.op === 'between') return sql`${expr} between ${c.value[0]} and ${c.value[1]}`;
  return sql`${expr} ${sql.raw(opSql[c.op])} ${c.value}`;
}

const ageYears = (who: string, asOf: string) =>
  sql`extract(year from age(${asOf}::date, ${sql.ref(`${who}.birth_date`)}))::int`;
const ageMonths = (who: string, asOf: string) =>
  sql`(extract(year from age(${asOf}::date, ${sql.ref(`${who}.birth_date`)})) * 12
    + extract(month from age(${asOf}::date, ${sql.ref(`${who}.birth_date`)})))::int`;

/** First day of the month, and of the month after the last one, for as_of ranges. */
function monthRange(c: Condition): RawBuilder<unknown> {
  const [from, to] = c.op === 'between' ? c.value : [c.value as string, c.value as string];
  return sql`i.as_of >= ${`${from}-01`}::date and i.as_of < (${`${to}-01`}::date + interval '1 month')::date`;
}

/** All benefit conditions of one `all` group describe the same record (type AND month). */
function benefitExists(tenant: string, conds: Condition[]): RawBuilder<unknown> {
  const parts = conds.map((c) =>
    c.field === 'benefit.kind' ? compare(sql`i.info_type`, c, 'text') : monthRange(c),
  );
  return sql`exists (select 1 from info_record i where i.agency_code = ${tenant} and i.fugo = p.fugo
    and ${sql.join(parts, sql` and `)})`;
}

function condition(c: Condition, tenant: string, asOf: string): RawBuilder<unknown> {
  switch (c.field) {
    case 'resident.municipality':
      return compare(sql`p.municipality_code`, c, 'text');
    // Someone whose birth date is after the day has no age yet (and is in no age range).
    case 'resident.ageYears':
      return sql`(p.birth_date <= ${asOf}::date and ${compare(ageYears('p', asOf), c, 'int')})`;
    case 'resident.ageMonths':
      return sql`(p.birth_date <= ${asOf}::date and ${compare(ageMonths('p', asOf), c, 'int')})`;
    case 'resident.sex':
      return compare(sql`p.sex`, c, 'int');
    case 'resident.relationship':
      return compare(sql`p.relationship`, c, 'text');
    case 'household.childAgeMonths':
    case 'household.childAgeYears': {
      const age = c.field === 'household.childAgeMonths' ? ageMonths('c', asOf) : ageYears('c', asOf);
      // 乳幼児健診 and similar notices go to the householder (the guardian), not to the infant.
      return sql`(p.relationship = 'head' and exists (select 1 from resident c
        where c.household_id = p.household_id and c.relationship = 'child' and c.birth_date <= ${asOf}::date
        and ${compare(age, c, 'int')}))`;
    }
    default:
      return benefitExists(tenant, [c]);
  }
}

const isCondition = (r: SegmentRule): r is Condition => 'field' in r;
const isBenefit = (r: SegmentRule): r is Condition => isCondition(r) && r.field.startsWith('benefit.');

export function compileRule(rule: SegmentRule, tenant: string, asOf: string): RawBuilder<unknown> {
  if ('all' in rule) {
    const benefits = rule.all.filter(isBenefit);
    const others = rule.all.filter((r) => !isBenefit(r)).map((r) => compileRule(r, tenant, asOf));
    const parts = benefits.length > 0 ? [...others, benefitExists(tenant, benefits)] : others;
    return sql`(${sql.join(parts, sql` and `)})`;
  }
  if ('any' in rule)
    return sql`(${sql.join(
      rule.any.map((r) => compileRule(r, tenant, asOf)),
      sql` or `,
    )})`;
  if ('not' in rule) return sql`(not ${compileRule(rule.not, tenant, asOf)})`;
  return condition(rule, tenant, asOf);
}

/** The candidate persons (`p`, with `p.fugo`) of a tenant: its residents, or its copies elsewhere. */
function candidates(src: Exclude<RecipientSource, { type: 'schedule' }>): RawBuilder<unknown> {
  const filter =
    src.type === 'person' ? sql`p.fugo = ${src.fugo}` : compileRule(src.rule, src.tenant, src.asOf);
  // A segment is evaluated on its day: a record dated after it (a demo birth date in the future) is no one yet.
  const born = src.type === 'segment' ? sql`p.birth_date <= ${src.asOf}::date and` : sql``;
  return src.municipal
    ? sql`from resident p where p.municipality_code = ${src.tenant} and p.fugo is not null and ${born} ${filter}`
    : sql`from agency_copy p where p.agency_code = ${src.tenant} and ${filter}`;
}

/** The query text and parameters of a source (for tests and EXPLAIN). */
export function recipientsQuery(src: RecipientSource, after: string | null, limit: number) {
  if (src.type === 'schedule')
    return sql<{ fugo: string }>`select distinct guardian_fugo as fugo from notice_schedule_send
      where notice_id = ${src.noticeId} and (${after}::text is null or guardian_fugo > ${after})
      order by 1 limit ${limit}`;
  return sql<{ fugo: string }>`select p.fugo ${candidates(src)}
    and (${after}::text is null or p.fugo > ${after}) order by p.fugo limit ${limit}`;
}

/** The next page of recipients after `after`, in link-code order. */
export async function recipientsPage(
  db: Db,
  src: RecipientSource,
  after: string | null,
  limit: number,
): Promise<string[]> {
  const { rows } = await recipientsQuery(src, after, limit).execute(db);
  return rows.map((r) => r.fugo);
}

export async function countRecipients(db: Db, src: RecipientSource): Promise<number> {
  if (src.type === 'schedule') {
    const { rows } = await sql<{ n: number }>`select count(distinct guardian_fugo)::int as n
      from notice_schedule_send where notice_id = ${src.noticeId}`.execute(db);
    return rows[0]?.n ?? 0;
  }
  const { rows } = await sql<{ n: number }>`select count(*)::int as n ${candidates(src)}`.execute(db);
  return rows[0]?.n ?? 0;
}
