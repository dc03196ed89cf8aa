/** Queries over exchange-log entries: the only SQL the person and supervisor reads use. */
import { type AuditEvent, auditInsertSql } from '@madoguchi/audit';
import { type Kysely, sql } from '@madoguchi/db';
import type { HubDB } from '../data/schema.ts';

export interface EntryFilter {
  /** The person's portal link code; absent only for supervisors. */
  person?: string;
  /** Instants (ms) bounding `at`: from inclusive, to exclusive. */
  fromMs?: number;
  toMs?: number;
  /** Querier or provider code. */
  agency?: string;
  task?: string;
  /** Only indexes below this (cursor, or a checkpoint size). */
  before?: number;
  limit: number;
}

export interface SequencedRow {
  idx: number;
  body: string;
}

/** Sequenced entries matching the filter, newest (highest index) first. */
export async function findSequenced(db: Kysely<HubDB>, f: EntryFilter): Promise<SequencedRow[]> {
  const filtered = (agencyColumn?: 'querier' | 'provider') => {
    let q = db.selectFrom('log_entry').select(['idx', 'body']);
    if (f.person !== undefined) q = q.where('person', '=', f.person);
    if (f.before !== undefined) q = q.where('idx', '<', f.before);
    if (f.fromMs !== undefined) q = q.where('at', '>=', new Date(f.fromMs));
    if (f.toMs !== undefined) q = q.where('at', '<', new Date(f.toMs));
    if (f.task !== undefined) q = q.where('task', '=', f.task);
    const agency = f.agency;
    if (agency === undefined) return q;
    if (agencyColumn) return q.where(agencyColumn, '=', agency);
    return q.where((eb) => eb.or([eb('querier', '=', agency), eb('provider', '=', agency)]));
  };
  let rows: { idx: number; body: string }[];
  if (f.agency !== undefined && f.person === undefined) {
    // Across people, "querier or provider" as one scan would collect every match before sorting;
    // two index walks ((querier, idx) and (provider, idx)) that each stop at `limit` do not.
    const side = (c: 'querier' | 'provider') => filtered(c).orderBy('idx', 'desc').limit(f.limit);
    rows = await db
      .selectFrom(side('querier').as('q'))
      .selectAll()
      .union(db.selectFrom(side('provider').as('p')).selectAll())
      .orderBy('idx', 'desc')
      .limit(f.limit)
      .execute();
  } else {
    rows = await filtered().orderBy('idx', 'desc').limit(f.limit).execute();
  }
  return rows.map((r) => ({ idx: Number(r.idx), body: r.body }));
}

export interface PersonEntryRow {
  /** null while the entry waits for the sequencer. */
  idx: number | null;
  body: string;
  querier_name: string | null;
  provider_name: string | null;
}

/**
 * A person's entries and the audit row of reading them, in ONE statement: one snapshot (an entry the
 * sequencer moves meanwhile appears once, pending or sequenced), one round trip, and the audit commits
 * with the read. Pending entries first (first page only), then sequenced ones newest first.
 */
export async function readPersonEntries(
  db: Kysely<HubDB>,
  f: EntryFilter & { person: string },
  audit: AuditEvent,
): Promise<PersonEntryRow[]> {
  const conditions = [sql`person = ${f.person}`];
  if (f.fromMs !== undefined) conditions.push(sql`at >= ${new Date(f.fromMs)}`);
  if (f.toMs !== undefined) conditions.push(sql`at < ${new Date(f.toMs)}`);
  if (f.task !== undefined) conditions.push(sql`task = ${f.task}`);
  if (f.agency !== undefined) conditions.push(sql`(querier = ${f.agency} or provider = ${f.agency})`);
  const where = sql.join(conditions, sql` and `);
  const { rows } = await sql<PersonEntryRow>`
    with pending as (
      select 0 as part, seq as ord, null::bigint as idx, body, querier, provider from log_pending
       where ${where} and ${f.before === undefined} order by seq desc limit 1000
    ), sequenced as (
      select 1 as part, idx as ord, idx, body, querier, provider from log_entry
       where ${where} and idx < ${f.before ?? Number.MAX_SAFE_INTEGER} order by idx desc limit ${f.limit}
    ), found as (
      select * from pending union all select * from sequenced
    ), audit as (
      ${auditInsertSql(audit, sql`jsonb_build_object('count', (select count(*) from found))`)}
    )
    select f.idx, f.body, q.name as querier_name, p.name as provider_name
      from found f left join agency q on q.code = f.querier left join agency p on p.code = f.provider
     order by f.part, f.ord desc`.execute(db);
  return rows.map((r) => ({ ...r, idx: r.idx === null ? null : Number(r.idx) }));
}

export type EntryLocation =
  | { state: 'sequenced'; idx: number; body: string }
  | { state: 'pending' }
  | undefined;

/** Where one of this person's entries is; another person's entry is indistinguishable from none. */
export async function locatePersonEntry(
  db: Kysely<HubDB>,
  person: string,
  entryId: string,
): Promise<EntryLocation> {
  const { rows } = await sql<{ idx: number | null; body: string | null }>`
    select idx, body from log_entry where entry_id = ${entryId}::uuid and person = ${person}
    union all
    select null, null from log_pending where entry_id = ${entryId}::uuid and person = ${person}
    limit 1`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  if (row.idx === null || row.body === null) return { state: 'pending' };
  return { state: 'sequenced', idx: Number(row.idx), body: row.body };
}

/** An entry's index, 'pending' while it waits for the sequencer, undefined when unknown (one snapshot). */
export async function locateEntry(
  db: Kysely<HubDB>,
  entryId: string,
): Promise<number | 'pending' | undefined> {
  const { rows } = await sql<{ idx: number | null }>`
    select idx from log_entry where entry_id = ${entryId}::uuid
    union all
    select null from log_pending where entry_id = ${entryId}::uuid
    limit 1`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  return row.idx === null ? 'pending' : Number(row.idx);
}

/** Display names of agency codes (codes unknown to the registry are left out). */
export async function agencyNames(db: Kysely<HubDB>, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('agency')
    .select(['code', 'name'])
    .where('code', 'in', [...new Set(codes)])
    .execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}
