import type { Kysely } from '@madoguchi/db';
import type { AgencyDB } from './schema.ts';

export async function listAgencies(db: Kysely<AgencyDB>, limit: number, offset: number) {
  const [items, total] = await Promise.all([
    db
      .selectFrom('agency')
      .select(['code', 'name', 'kind', 'prefecture_code', 'has_demo_residents'])
      .orderBy('code')
      .limit(limit)
      .offset(offset)
      .execute(),
    db
      .selectFrom('agency')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Counts only: no personal field leaves this query. */
export async function residentCountsByMunicipality(db: Kysely<AgencyDB>) {
  return db
    .selectFrom('resident')
    .innerJoin('agency', 'agency.code', 'resident.municipality_code')
    .select(['agency.code', 'agency.name', (eb) => eb.fn.countAll<number>().as('residents')])
    .groupBy(['agency.code', 'agency.name'])
    .orderBy('agency.code')
    .execute();
}
