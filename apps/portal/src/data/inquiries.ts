import type { Kysely, Transaction } from '@madoguchi/db';
import type { InquiryTable, PortalDB } from './schema.ts';

export type NewInquiry = Omit<InquiryTable, 'created_at'>;

export async function insertInquiry(trx: Transaction<PortalDB>, inquiry: NewInquiry): Promise<void> {
  await trx.insertInto('inquiry').values(inquiry).execute();
}

export interface InquiryRow extends NewInquiry {
  created_at: Date;
}

export async function listInquiries(
  db: Kysely<PortalDB> | Transaction<PortalDB>,
  limit: number,
  offset: number,
): Promise<InquiryRow[]> {
  return db
    .selectFrom('inquiry')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countInquiries(db: Kysely<PortalDB> | Transaction<PortalDB>): Promise<number> {
  const row = await db
    .selectFrom('inquiry')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
