import { type Kysely, sql } from '@madoguchi/db';
import type { AgencyDB } from './schema.ts';

type Db = Kysely<AgencyDB>;

/**
 * Children (with a link code, in a municipality tenant, with a householder who has one) whose trigger
 * day — birth date + `months` — falls in (date − days, date], and who were not yet sent this row.
 */
function due(months: number, date: string, days: number, row: string) {
  return sql`from resident c
    join agency a on a.code = c.municipality_code and a.kind in ('municipality', 'ward')
    join lateral (select h.fugo from resident h where h.household_id = c.household_id and h.relationship = 'head'
      and h.fugo is not null order by h.fugo limit 1) g on true
    where c.relationship = 'child' and c.fugo is not null
      and (c.birth_date + make_interval(months => ${months}))::date <= ${date}::date
      and (c.birth_date + make_interval(months => ${months}))::date > ${date}::date - ${days}::int
      and not exists (select 1 from notice_schedule_send s where s.schedule_row = ${row} and s.fugo = c.fugo)`;
}

export async function dueMunicipalities(
  db: Db,
  months: number,
  date: string,
  days: number,
  row: string,
): Promise<string[]> {
  const { rows } = await sql<{ code: string }>`select distinct c.municipality_code as code
    ${due(months, date, days, row)} order by 1`.execute(db);
  return rows.map((r) => r.code);
}

/** Records (row, child) for a municipality's due children; a child already recorded is skipped. */
export async function insertScheduleSends(
  db: Db,
  p: { noticeId: string; municipality: string; row: string; ageMonths: number; date: string; days: number },
): Promise<number> {
  const result = await sql`insert into notice_schedule_send
      (schedule_row, fugo, guardian_fugo, municipality_code, notice_id, trigger_date)
    select ${p.row}, c.fugo, g.fugo, c.municipality_code, ${p.noticeId}::uuid,
      (c.birth_date + make_interval(months => ${p.ageMonths}))::date
    ${due(p.ageMonths, p.date, p.days, p.row)} and c.municipality_code = ${p.municipality}
    on conflict on constraint notice_schedule_send_pk do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export async function deleteNotice(db: Db, id: string): Promise<void> {
  await db.deleteFrom('notice').where('id', '=', id).execute();
}
