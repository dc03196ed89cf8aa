import { type Kysely, sql } from '@madoguchi/db';
import type { AgencyDB } from './schema.ts';

type Db = Kysely<AgencyDB>;

/** Residents the hub has not yet given a link code, with the My Number registration needs. */
export async function residentsWithoutFugo(db: Db, municipalityCode: string, limit: number) {
  return db
    .selectFrom('resident')
    .select(['id', 'my_number'])
    .where('municipality_code', '=', municipalityCode)
    .where('fugo', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function setResidentFugos(db: Db, items: readonly { id: string; fugo: string }[]) {
  if (items.length === 0) return 0;
  const result = await sql`update resident set fugo = u.fugo
    from unnest(${items.map((i) => i.id)}::uuid[], ${items.map((i) => i.fugo)}::text[]) as u(id, fugo)
    where resident.id = u.id and resident.fugo is null`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Households with a registered member whose demo data was not generated yet. */
export async function householdsToLink(db: Db, municipalities: readonly string[], limit: number) {
  const rows = await db
    .selectFrom('resident')
    .select('household_id')
    .distinct()
    .where('municipality_code', 'in', [...municipalities])
    .where('fugo', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('demo_link').select('resident_id').whereRef('demo_link.resident_id', '=', 'resident.id'),
        ),
      ),
    )
    .orderBy('household_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.household_id);
}

export async function householdMembers(db: Db, householdIds: readonly string[]) {
  if (householdIds.length === 0) return [];
  return db
    .selectFrom('resident')
    .leftJoin('demo_link', 'demo_link.resident_id', 'resident.id')
    .select([
      'resident.id',
      'resident.municipality_code',
      'resident.household_id',
      'resident.fugo',
      'resident.my_number',
      'resident.family_name',
      'resident.given_name',
      'resident.family_kana',
      'resident.given_kana',
      'resident.birth_date',
      'resident.sex',
      'resident.address',
      'resident.relationship',
      'demo_link.linked_at',
    ])
    .where('resident.household_id', 'in', [...householdIds])
    .where('resident.fugo', 'is not', null)
    .execute();
}

export async function insertCopies(db: Db, agencyCode: string, fugos: readonly string[]) {
  if (fugos.length === 0) return 0;
  const result = await sql`insert into agency_copy (agency_code, fugo)
    select ${agencyCode}, f from unnest(${[...fugos]}::text[]) as u(f)
    on conflict (agency_code, fugo) do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export async function markLinked(db: Db, residentIds: readonly string[]) {
  if (residentIds.length === 0) return;
  await sql`insert into demo_link (resident_id) select unnest(${[...residentIds]}::uuid[])
    on conflict (resident_id) do nothing`.execute(db);
}
