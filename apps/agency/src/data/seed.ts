import { writeAudit } from '@madoguchi/audit';
import { type Kysely, sql } from '@madoguchi/db';
import type { AgencyRef } from '@madoguchi/reference';
import { seedCatalogue } from '../services/catalogue/seed-catalogue.ts';
import { generateResidents, type NewResident } from './generate-residents.ts';
import type { AgencyDB } from './schema.ts';

export async function seedAgencyTenants(
  db: Kysely<AgencyDB>,
  agencies: readonly AgencyRef[],
  demo: readonly string[],
): Promise<void> {
  const col = <K extends keyof AgencyRef>(k: K) => agencies.map((a) => a[k]);
  await sql`insert into agency (code, name, name_kana, kind, prefecture_code, parent_code, has_demo_residents)
    select c, n, k, t, p, pc, c = any(${[...demo]}::text[])
    from unnest(${col('code')}::text[], ${col('name')}::text[], ${col('nameKana')}::text[], ${col('kind')}::text[],
                ${col('prefectureCode')}::text[], ${col('parentCode')}::text[]) as u(c, n, k, t, p, pc)
    on conflict (code) do update set has_demo_residents = excluded.has_demo_residents`.execute(db);
  // Demo municipalities offer the 子育てワンストップ services from the first seed on (only missing ones).
  await seedCatalogue(db, demo);
}

async function insertBatch(db: Kysely<AgencyDB>, rows: NewResident[]): Promise<number> {
  const col = <K extends keyof NewResident>(k: K) => rows.map((r) => r[k]);
  const result =
    await sql`insert into resident (id, municipality_code, my_number, family_name, given_name, family_kana,
      given_kana, birth_date, sex, address, household_id, relationship)
    select * from unnest(${col('id')}::uuid[], ${col('municipality_code')}::text[], ${col('my_number')}::text[],
      ${col('family_name')}::text[], ${col('given_name')}::text[], ${col('family_kana')}::text[], ${col('given_kana')}::text[],
      ${col('birth_date')}::date[], ${col('sex')}::smallint[], ${col('address')}::text[], ${col('household_id')}::uuid[],
      ${col('relationship')}::text[])
    on conflict (id) do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Creates `count` deterministic demo residents in batches, each batch in one transaction with its
 * audit row. Re-running inserts only what is missing.
 */
export async function seedResidents(
  db: Kysely<AgencyDB>,
  count: number,
  municipalities: readonly string[],
  onProgress: (done: number, total: number) => void = () => {},
): Promise<number> {
  const batchSize = 5000;
  let batch: NewResident[] = [];
  let done = 0;
  let inserted = 0;
  const flush = async () => {
    const rows = batch;
    batch = [];
    await db.transaction().execute(async (trx) => {
      const n = await insertBatch(trx, rows);
      inserted += n;
      await writeAudit(trx, {
        type: 'resident.seeded',
        actor: 'system:seed',
        purpose: 'デモデータ作成 (demo data)',
        requestId: 'seed',
        outcome: 'success',
        detail: { inserted: n, batch: rows.length },
      });
    });
    done += rows.length;
    onProgress(done, count);
  };
  for (const resident of generateResidents(count, municipalities)) {
    batch.push(resident);
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  return inserted;
}
export type { AgencyDB } from './schema.ts';
