import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from '@madoguchi/db';
import type { HubDB } from './schema.ts';

/**
 * Finds or creates persons by key, in one statement; a municipality registering marks itself as the
 * holder of the resident record. Returns person ids in the order of `keys`.
 */
export async function upsertPersons(db: Kysely<HubDB>, keys: readonly Buffer[], registeredBy: string) {
  if (keys.length === 0) return [];
  // One row per distinct key: ON CONFLICT DO UPDATE may not touch a row twice in one statement.
  const distinct = [...new Map(keys.map((k) => [k.toString('hex'), k])).values()];
  const ids = distinct.map(() => randomUUID());
  const rows = await sql<{ id: string; person_key: Buffer }>`
    insert into person (id, person_key, registered_by)
    select id, key, ${registeredBy}::text from unnest(${ids}::uuid[], ${distinct}::bytea[]) as t(id, key)
    on conflict (person_key) do update set registered_by = excluded.registered_by
    returning id, person_key`.execute(db);
  const byKey = new Map(rows.rows.map((r) => [r.person_key.toString('hex'), r.id]));
  return keys.map((k) => byKey.get(k.toString('hex')) as string);
}

export async function findPersonsByKey(db: Kysely<HubDB>, keys: readonly Buffer[]) {
  if (keys.length === 0) return new Map<string, { id: string; registeredBy: string }>();
  const rows = await db
    .selectFrom('person')
    .select(['id', 'person_key', 'registered_by'])
    .where('person_key', 'in', keys as Buffer[])
    .execute();
  return new Map(
    rows.map((r) => [r.person_key.toString('hex'), { id: r.id, registeredBy: r.registered_by }]),
  );
}

/** Stores link codes (idempotent: the code is a function of agency and person). */
export async function insertFugos(
  db: Kysely<HubDB>,
  rows: readonly { agencyCode: string; personId: string; fugo: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('fugo')
    .values(rows.map((r) => ({ agency_code: r.agencyCode, person_id: r.personId, fugo: r.fugo })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The person behind an agency's link code, or undefined. */
export async function personOfFugo(db: Kysely<HubDB>, agencyCode: string, fugo: string) {
  const r = await db
    .selectFrom('fugo')
    .select('person_id')
    .where('agency_code', '=', agencyCode)
    .where('fugo', '=', fugo)
    .executeTakeFirst();
  return r?.person_id;
}

/**
 * The person behind a querier's link code and every agency holding a code for them, in one query
 * (undefined when the querier's code is unknown): the permit decision's reads in one round trip.
 */
export async function personAndHolders(db: Kysely<HubDB>, agencyCode: string, fugo: string) {
  const rows = await db
    .selectFrom('fugo as q')
    .innerJoin('fugo as f', 'f.person_id', 'q.person_id')
    .innerJoin('agency', 'agency.code', 'f.agency_code')
    .select([
      'q.person_id as personId',
      'f.agency_code as code',
      'f.fugo as fugo',
      'agency.name as name',
      'agency.endpoint_url as endpointUrl',
    ])
    .where('q.agency_code', '=', agencyCode)
    .where('q.fugo', '=', fugo)
    .orderBy('f.agency_code')
    .execute();
  const first = rows[0];
  if (first === undefined) return undefined;
  return { personId: first.personId, holders: rows.map(({ personId: _, ...h }) => h) };
}
