import { type Kysely, sql } from '@madoguchi/db';
import type { AgencyRef } from '@madoguchi/reference';
import type { HubDB } from './schema.ts';

/** Registers every agency (idempotent): parents first, so a ward's city exists before the ward. */
export async function seedHubAgencies(db: Kysely<HubDB>, agencies: readonly AgencyRef[]): Promise<number> {
  const ordered = [...agencies].sort((a, b) => Number(a.parentCode !== null) - Number(b.parentCode !== null));
  const col = <K extends keyof AgencyRef>(k: K) => ordered.map((a) => a[k]);
  await sql`insert into agency (code, name, name_kana, kind, prefecture_code, corporate_number, parent_code)
    select * from unnest(${col('code')}::text[], ${col('name')}::text[], ${col('nameKana')}::text[], ${col('kind')}::text[],
                         ${col('prefectureCode')}::text[], ${col('corporateNumber')}::text[], ${col('parentCode')}::text[])
    on conflict (code) do update set name = excluded.name, name_kana = excluded.name_kana`.execute(db);
  return ordered.length;
}
export type { HubDB } from './schema.ts';
