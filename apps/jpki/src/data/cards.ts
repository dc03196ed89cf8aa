import type { Kysely } from '@madoguchi/db';
import type { JpkiDB } from './schema.ts';

/** The person for an agency reference, created on first sight; race-safe through the unique key. */
export async function findOrCreatePerson(db: Kysely<JpkiDB>, residentRef: string): Promise<string> {
  await db
    .insertInto('person')
    .values({ resident_ref: residentRef })
    .onConflict((oc) => oc.column('resident_ref').doNothing())
    .execute();
  const row = await db
    .selectFrom('person')
    .select('id')
    .where('resident_ref', '=', residentRef)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findPersonIdByRef(
  db: Kysely<JpkiDB>,
  residentRef: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('person')
    .select('id')
    .where('resident_ref', '=', residentRef)
    .executeTakeFirst();
  return row?.id;
}

export interface CardRow {
  serial: string;
  personId: string;
  status: 'active' | 'superseded';
}

/** Locks the card row for the rest of the transaction: two staff actions on one card run one after the other. */
export async function lockCard(db: Kysely<JpkiDB>, serial: string): Promise<CardRow | undefined> {
  const row = await db
    .selectFrom('card')
    .select(['serial', 'person_id', 'status'])
    .where('serial', '=', serial)
    .forUpdate()
    .executeTakeFirst();
  return row && { serial: row.serial, personId: row.person_id, status: row.status };
}

export async function findCard(db: Kysely<JpkiDB>, serial: string): Promise<CardRow | undefined> {
  const row = await db
    .selectFrom('card')
    .select(['serial', 'person_id', 'status'])
    .where('serial', '=', serial)
    .executeTakeFirst();
  return row && { serial: row.serial, personId: row.person_id, status: row.status };
}

/** Inserts a card unless the serial is taken (12 random digits: a collision is rare, the caller retries). */
export async function insertCard(db: Kysely<JpkiDB>, serial: string, personId: string): Promise<boolean> {
  const result = await db
    .insertInto('card')
    .values({ serial, person_id: personId, unlocked_at: null })
    .onConflict((oc) => oc.column('serial').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function activeCardsOf(db: Kysely<JpkiDB>, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('card')
    .select('serial')
    .where('person_id', '=', personId)
    .where('status', '=', 'active')
    .forUpdate()
    .execute();
  return rows.map((r) => r.serial);
}

export async function markCardSuperseded(db: Kysely<JpkiDB>, serial: string): Promise<void> {
  await db.updateTable('card').set({ status: 'superseded' }).where('serial', '=', serial).execute();
}

export async function markCardUnlocked(db: Kysely<JpkiDB>, serial: string, at: Date): Promise<void> {
  await db.updateTable('card').set({ unlocked_at: at }).where('serial', '=', serial).execute();
}

/** A move to another municipality changes the agency reference, never the person. */
export async function updateResidentRef(
  db: Kysely<JpkiDB>,
  personId: string,
  residentRef: string,
): Promise<void> {
  await db.updateTable('person').set({ resident_ref: residentRef }).where('id', '=', personId).execute();
}
