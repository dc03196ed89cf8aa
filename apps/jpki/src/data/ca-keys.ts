import type { Kysely } from '@madoguchi/db';
import type { CaKeyTable, CaName, JpkiDB } from './schema.ts';

export async function findCaCertificate(db: Kysely<JpkiDB>, name: CaName): Promise<string | undefined> {
  const row = await db
    .selectFrom('ca_key')
    .select('certificate_pem')
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.certificate_pem;
}

export async function findCaKeys(db: Kysely<JpkiDB>): Promise<Map<CaName, Omit<CaKeyTable, 'created_at'>>> {
  const rows = await db
    .selectFrom('ca_key')
    .select(['name', 'certificate_pem', 'encrypted_private_key_pem'])
    .execute();
  return new Map(rows.map((r) => [r.name, r]));
}

/** Returns false when another process created the key first; theirs is kept. */
export async function insertCaKey(db: Kysely<JpkiDB>, row: Omit<CaKeyTable, 'created_at'>): Promise<boolean> {
  const result = await db
    .insertInto('ca_key')
    .values(row)
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
