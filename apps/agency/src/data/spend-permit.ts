import { type AuditEvent, auditInsertSql } from '@madoguchi/audit';
import { type Kysely, sql } from '@madoguchi/db';
import type { InfoRecord } from '@madoguchi/exchange';
import type { AgencyDB } from './schema.ts';

export interface SpendPermit {
  agencyCode: string;
  municipal: boolean;
  fugo: string;
  jti: string;
  infoTypes: readonly string[];
  /** Written when the permit is spent (detail gets `records`). */
  provided: AuditEvent;
  /** Written when it is not (detail gets `reason`: fugo_unknown or replayed). */
  rejected: AuditEvent;
}

/**
 * The whole answer as one statement (one round trip, one implicit transaction): the person must be
 * known here, the permit is spent unless it already was, the permitted records are read only if it
 * was spent now, and exactly one audit row says which happened. Step by step this was seven round
 * trips, and socket writes are most of an answer's cost.
 */
export async function spendPermitAndRead(
  db: Kysely<AgencyDB>,
  w: SpendPermit,
): Promise<{ known: boolean; spent: boolean; records: InfoRecord[] }> {
  const known = w.municipal
    ? sql`exists (select 1 from resident where municipality_code = ${w.agencyCode} and fugo = ${w.fugo})`
    : sql`exists (select 1 from agency_copy where agency_code = ${w.agencyCode} and fugo = ${w.fugo})`;
  const result = await sql<{ known: boolean; spent: boolean; records: InfoRecord[] }>`
    with person as (
      select ${known} as known
    ), spent as (
      insert into permit_use (jti, agency_code)
      select ${w.jti}, ${w.agencyCode} where (select known from person)
      on conflict (jti) do nothing
      returning jti
    ), records as (
      select id, info_type, title, as_of, fields from info_record
      where agency_code = ${w.agencyCode} and fugo = ${w.fugo} and info_type = any(${[...w.infoTypes]}::text[])
        and exists (select 1 from spent)
    ), provided as (
      ${auditInsertSql(w.provided, sql`jsonb_build_object('records', (select count(*) from records))`)}
      where exists (select 1 from spent)
    ), rejected as (
      ${auditInsertSql(
        w.rejected,
        sql`jsonb_build_object('reason', case when (select known from person) then 'replayed' else 'fugo_unknown' end)`,
      )}
      where not exists (select 1 from spent)
    )
    select (select known from person) as known, exists (select 1 from spent) as spent,
      coalesce((select json_agg(json_build_object('id', id, 'infoType', info_type, 'title', title,
        'asOf', as_of, 'fields', fields) order by info_type, as_of desc, id) from records), '[]'::json) as records
  `.execute(db);
  const row = result.rows[0];
  return { known: row?.known === true, spent: row?.spent === true, records: row?.records ?? [] };
}
