import { type Kysely, sql } from '@madoguchi/db';
import type { InfoField } from '@madoguchi/exchange';
import type { AgencyDB } from './schema.ts';

type Db = Kysely<AgencyDB>;

export interface RecordRow {
  id: string;
  agencyCode: string;
  fugo: string;
  infoType: string;
  title: string;
  asOf: string;
  fields: InfoField[];
}

/**
 * Inserts records, or updates those whose content changed; an unchanged record is not touched (so
 * re-running the demo link changes nothing, and a household that grew updates its 住民票).
 * Returns how many rows were written.
 */
export async function upsertRecords(db: Db, rows: readonly RecordRow[], updatedBy: string): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000);
    const col = <K extends keyof RecordRow>(k: K) => chunk.map((r) => r[k]);
    const result =
      await sql`insert into info_record (id, agency_code, fugo, info_type, title, as_of, fields, updated_by)
      select id, agency_code, fugo, info_type, title, as_of, fields::jsonb, ${updatedBy}
      from unnest(${col('id')}::uuid[], ${col('agencyCode')}::text[], ${col('fugo')}::text[], ${col('infoType')}::text[],
                  ${col('title')}::text[], ${col('asOf')}::date[], ${chunk.map((r) => JSON.stringify(r.fields))}::text[])
        as u(id, agency_code, fugo, info_type, title, as_of, fields)
      on conflict (id) do update set title = excluded.title, as_of = excluded.as_of, fields = excluded.fields,
        updated_at = now(), updated_by = excluded.updated_by
      where (info_record.title, info_record.as_of, info_record.fields)
        is distinct from (excluded.title, excluded.as_of, excluded.fields)`.execute(db);
    written += Number(result.numAffectedRows ?? 0);
  }
  return written;
}

export async function listRecords(db: Db, agencyCode: string, fugo: string) {
  return db
    .selectFrom('info_record')
    .select(['id', 'info_type', 'title', 'as_of', 'fields', 'updated_at', 'updated_by'])
    .where('agency_code', '=', agencyCode)
    .where('fugo', '=', fugo)
    .orderBy('info_type')
    .orderBy('as_of', 'desc')
    .orderBy('id')
    .execute();
}

export async function insertRecord(db: Db, row: RecordRow & { updatedBy: string }) {
  return db
    .insertInto('info_record')
    .values({
      id: row.id,
      agency_code: row.agencyCode,
      fugo: row.fugo,
      info_type: row.infoType,
      title: row.title,
      as_of: row.asOf,
      fields: JSON.stringify(row.fields),
      updated_by: row.updatedBy,
    })
    .returning(['id', 'info_type', 'title', 'as_of', 'fields', 'updated_at', 'updated_by'])
    .executeTakeFirstOrThrow();
}

export async function updateRecord(
  db: Db,
  agencyCode: string,
  id: string,
  change: { infoType: string; title: string; asOf: string; fields: InfoField[]; updatedBy: string },
) {
  return db
    .updateTable('info_record')
    .set({
      info_type: change.infoType,
      title: change.title,
      as_of: change.asOf,
      fields: JSON.stringify(change.fields),
      updated_by: change.updatedBy,
      updated_at: sql<Date>`now()`,
    })
    .where('agency_code', '=', agencyCode)
    .where('id', '=', id)
    .returning(['id', 'fugo', 'info_type', 'title', 'as_of', 'fields', 'updated_at', 'updated_by'])
    .executeTakeFirst();
}
