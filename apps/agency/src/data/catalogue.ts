/**
 * The published service catalogue (migration 0006_catalogue.sql). Queries are plain SQL because
 * versions come from `nextval` inside upserts; every writer takes `lockCatalogue` first.
 */
import { type Kysely, sql } from '@madoguchi/db';
import type { AgencyDB } from './schema.ts';

type Db = Kysely<AgencyDB>;

/** The table as Kysely would see it (not in AgencyDB yet: the integrator may add it to schema.ts). */
export interface ServiceDefinitionTable {
  municipality_code: string;
  service_id: string;
  version: number;
  deleted: boolean;
  definition: unknown;
  published_at: Date;
  published_by: string;
}

/** One entry of the public feed: the latest state of one service. */
export interface CatalogueFeedRow {
  version: number;
  municipality: string;
  id: string;
  deleted: boolean;
  definition: unknown;
}

export interface DefinitionToStore {
  municipality: string;
  id: string;
  definition: unknown;
}

/**
 * Serialises catalogue writers until commit. Sequence values are handed out at `nextval`, not at commit:
 * without the lock a publish that took version 10 could commit after one that took 11, and a follower
 * that had already read 11 would never see 10. Publishing is rare, so one lock for all is cheap.
 */
export async function lockCatalogue(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('madoguchi.catalogue'))`.execute(db);
}

/** Publishes (or re-publishes, or revives a tombstone); returns the new version. */
export async function upsertDefinition(db: Db, d: DefinitionToStore, by: string): Promise<number> {
  const { rows } = await sql<{ version: number }>`
    insert into service_definition (municipality_code, service_id, version, deleted, definition, published_by)
    values (${d.municipality}, ${d.id}, nextval('service_definition_version_seq'), false,
            ${JSON.stringify(d.definition)}::jsonb, ${by})
    on conflict (municipality_code, service_id) do update
      set version = excluded.version, deleted = false, definition = excluded.definition,
          published_at = now(), published_by = excluded.published_by
    returning version`.execute(db);
  return Number(rows[0]?.version);
}

/** Turns a published service into a tombstone; undefined when there is nothing published to withdraw. */
export async function withdrawDefinition(
  db: Db,
  municipality: string,
  id: string,
  by: string,
): Promise<number | undefined> {
  const { rows } = await sql<{ version: number }>`
    update service_definition
    set version = nextval('service_definition_version_seq'), deleted = true, definition = null,
        published_at = now(), published_by = ${by}
    where municipality_code = ${municipality} and service_id = ${id} and not deleted
    returning version`.execute(db);
  return rows[0] === undefined ? undefined : Number(rows[0].version);
}

/**
 * Stores only the services a municipality has never had (a tombstone counts as having had it, so a
 * re-seed does not bring back what staff withdrew); returns how many were added. The `not exists`
 * keeps re-runs from burning sequence values, which `on conflict do nothing` alone would.
 */
export async function insertMissingDefinitions(
  db: Db,
  defs: readonly DefinitionToStore[],
  by: string,
): Promise<number> {
  if (defs.length === 0) return 0;
  const r = await sql`
    insert into service_definition (municipality_code, service_id, version, definition, published_by)
    select m, i, nextval('service_definition_version_seq'), d, ${by}
    from (select u.m, u.i, u.d from unnest(${defs.map((d) => d.municipality)}::text[],
            ${defs.map((d) => d.id)}::text[], ${defs.map((d) => JSON.stringify(d.definition))}::jsonb[])
            with ordinality as u(m, i, d, n)
          where not exists (select 1 from service_definition s where s.municipality_code = u.m and s.service_id = u.i)
          order by u.n) as missing
    on conflict (municipality_code, service_id) do nothing`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** The feed: latest states with a version above `after`, oldest first (served by the version index). */
export async function feedPage(db: Db, after: number, limit: number): Promise<CatalogueFeedRow[]> {
  const { rows } = await sql<CatalogueFeedRow>`
    select version, municipality_code as municipality, service_id as id, deleted, definition
    from service_definition where version > ${after} order by version limit ${limit}`.execute(db);
  return rows.map((r) => ({ ...r, version: Number(r.version) }));
}

/** The current definition of one service; undefined when never published or withdrawn. */
export async function findPublished(db: Db, municipality: string, id: string): Promise<unknown> {
  const { rows } = await sql<{ definition: unknown }>`
    select definition from service_definition
    where municipality_code = ${municipality} and service_id = ${id} and not deleted`.execute(db);
  return rows[0]?.definition;
}
