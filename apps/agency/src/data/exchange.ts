import type { Kysely } from '@madoguchi/db';
import type { AgencyDB } from './schema.ts';

type Db = Kysely<AgencyDB>;

/** Municipalities (and wards) hold the resident record; every other agency holds copies. */
export const isMunicipalKind = (kind: string) => kind === 'municipality' || kind === 'ward';

export async function findTenant(db: Db, code: string) {
  return db.selectFrom('agency').select(['code', 'name', 'kind']).where('code', '=', code).executeTakeFirst();
}

/** True when the agency holds anything for this link code: a resident (municipality) or a copy. */
export async function knowsPerson(db: Db, tenant: { code: string; kind: string }, fugo: string) {
  const row = isMunicipalKind(tenant.kind)
    ? await db
        .selectFrom('resident')
        .select('id')
        .where('municipality_code', '=', tenant.code)
        .where('fugo', '=', fugo)
        .executeTakeFirst()
    : await db
        .selectFrom('agency_copy')
        .select('fugo')
        .where('agency_code', '=', tenant.code)
        .where('fugo', '=', fugo)
        .executeTakeFirst();
  return row !== undefined;
}

/** The basic facts the hub's linkage check compares, for residents found by their link codes. */
export async function residentFactsByFugo(db: Db, municipalityCode: string, fugos: readonly string[]) {
  if (fugos.length === 0) return [];
  return db
    .selectFrom('resident')
    .select(['fugo', 'birth_date', 'family_kana', 'given_kana'])
    .where('municipality_code', '=', municipalityCode)
    .where('fugo', 'in', [...fugos])
    .execute();
}

export async function residentFugo(db: Db, municipalityCode: string, residentId: string) {
  return db
    .selectFrom('resident')
    .select(['id', 'fugo'])
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', residentId)
    .executeTakeFirst();
}
