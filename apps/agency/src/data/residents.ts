import type { Kysely } from '@madoguchi/db';
import type { NewResident } from './generate-residents.ts';
import type { AgencyDB } from './schema.ts';

/** One resident's basic facts for staff. The My Number is deliberately not selected. */
export async function findResidentFacts(db: Kysely<AgencyDB>, id: string) {
  return db
    .selectFrom('resident')
    .select([
      'id',
      'municipality_code',
      'family_name',
      'given_name',
      'family_kana',
      'given_kana',
      'birth_date',
      'sex',
      'address',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findAgency(db: Kysely<AgencyDB>, code: string) {
  return db.selectFrom('agency').select(['code', 'name', 'kind']).where('code', '=', code).executeTakeFirst();
}

/** Inserts unless the My Number is taken; undefined tells the caller to draw another number. */
export async function insertResidentUnlessNumberTaken(
  db: Kysely<AgencyDB>,
  row: NewResident,
): Promise<{ id: string } | undefined> {
  return db
    .insertInto('resident')
    .values(row)
    .onConflict((oc) => oc.column('my_number').doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** The household a new resident joins: its id, municipality and address. */
export async function findHousehold(db: Kysely<AgencyDB>, residentId: string) {
  return db
    .selectFrom('resident')
    .select(['household_id', 'municipality_code', 'address'])
    .where('id', '=', residentId)
    .executeTakeFirst();
}
