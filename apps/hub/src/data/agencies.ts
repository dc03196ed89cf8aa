import type { Kysely } from '@madoguchi/db';
import type { AgencyTable, HubDB } from './schema.ts';

export interface AgencyFilter {
  kind?: AgencyTable['kind'];
  prefectureCode?: string;
  limit: number;
  offset: number;
}

export async function listAgencies(db: Kysely<HubDB>, filter: AgencyFilter) {
  let q = db.selectFrom('agency');
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.prefectureCode) q = q.where('prefecture_code', '=', filter.prefectureCode);
  const [items, total] = await Promise.all([
    q
      .select(['code', 'name', 'name_kana', 'kind', 'prefecture_code', 'corporate_number', 'parent_code'])
      .orderBy('code')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
