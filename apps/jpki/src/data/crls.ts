import { type Kysely, sql } from '@madoguchi/db';
import type { CertificateKind, JpkiDB } from './schema.ts';

export interface StoredCrl {
  crlNumber: bigint;
  thisUpdate: Date;
  nextUpdate: Date;
  der: Buffer;
}

export async function latestCrl(db: Kysely<JpkiDB>, kind: CertificateKind): Promise<StoredCrl | undefined> {
  const row = await db
    .selectFrom('crl')
    .select(['crl_number', 'this_update', 'next_update', 'der'])
    .where('kind', '=', kind)
    .orderBy('crl_number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return (
    row && {
      crlNumber: BigInt(row.crl_number),
      thisUpdate: row.this_update,
      nextUpdate: row.next_update,
      der: row.der,
    }
  );
}

/** Takes the next CRL number under the counter's row lock (held until the transaction ends). */
export async function nextCrlNumber(db: Kysely<JpkiDB>, kind: CertificateKind): Promise<bigint> {
  const row = await db
    .updateTable('crl_counter')
    .set({ last_number: sql<string>`last_number + 1` })
    .where('kind', '=', kind)
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return BigInt(row.last_number);
}

export async function insertCrl(db: Kysely<JpkiDB>, kind: CertificateKind, crl: StoredCrl): Promise<void> {
  await db
    .insertInto('crl')
    .values({
      kind,
      crl_number: crl.crlNumber.toString(),
      this_update: crl.thisUpdate,
      next_update: crl.nextUpdate,
      der: crl.der,
    })
    .execute();
}

/** Serializes CRL publication per CA for the rest of the transaction. */
export async function lockCrlCounter(db: Kysely<JpkiDB>, kind: CertificateKind): Promise<void> {
  await db.selectFrom('crl_counter').select('kind').where('kind', '=', kind).forUpdate().execute();
}
