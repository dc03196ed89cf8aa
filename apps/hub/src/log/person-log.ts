/**
 * Reading the exchange log about people: a person through the portal (their own entries only) and
 * supervisors (by agency). Each read writes `log.read` in the same transaction as the read. Reads
 * that look at pending and sequenced rows use one snapshot (one statement, or REPEATABLE READ), so
 * an entry the sequencer moves meanwhile is shown once, not twice or never.
 */
import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import { AppError, type ErrorCode, type FieldError } from '@madoguchi/errors';
import { BUNDLE_FORMAT, type LogBundle, type LogEntry, parseEntry } from '@madoguchi/exchange';
import type { HubDB } from '../data/schema.ts';
import {
  agencyNames,
  type EntryFilter,
  findSequenced,
  locatePersonEntry,
  readPersonEntries,
} from './entry-queries.ts';
import type { LogKey } from './log-key.ts';
import { currentCheckpoint, inclusionProofs } from './proofs.ts';

export interface LogReadContext {
  db: Kysely<HubDB>;
  requestId: string;
  key: LogKey;
}

export interface EntryQuery {
  /** JST calendar days, inclusive. */
  from?: string;
  to?: string;
  agency?: string;
  task?: string;
  limit?: number;
  before?: number;
}

export interface EntryView {
  index: number | null;
  entryId: string;
  at: string;
  querier: string;
  querierName: string | null;
  provider: string;
  providerName: string | null;
  task: string;
  infoTypes: string[];
  outcome: LogEntry['outcome'];
  reason: string | null;
  /** The canonical entry text: the leaf data its proof covers. */
  entry: string;
  /** Only in supervisor answers: the person's portal link code. */
  person?: string;
}

const DAY_MS = 86_400_000;

function badDay(path: string): AppError {
  const field: FieldError = {
    path,
    code: 'format',
    message: { ja: '日付は YYYY-MM-DD の形式で入力してください。', en: 'Use a date of the form YYYY-MM-DD.' },
  };
  return new AppError('request.invalid', { fields: [field] });
}

/** Midnight JST of a calendar day, as an instant; refuses days that do not exist (2025-02-30). */
function jstMidnight(day: string, path: string): number {
  const ms = Date.parse(`${day}T00:00:00+09:00`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(ms)) throw badDay(path);
  if (new Date(ms + 9 * 3_600_000).toISOString().slice(0, 10) !== day) throw badDay(path);
  return ms;
}

export function toFilter(q: EntryQuery, defaultLimit: number): Omit<EntryFilter, 'person'> {
  const f: Omit<EntryFilter, 'person'> = { limit: q.limit ?? defaultLimit };
  if (q.from !== undefined) f.fromMs = jstMidnight(q.from, '/from');
  if (q.to !== undefined) f.toMs = jstMidnight(q.to, '/to') + DAY_MS;
  if (q.agency !== undefined) f.agency = q.agency;
  if (q.task !== undefined) f.task = q.task;
  if (q.before !== undefined) f.before = q.before;
  return f;
}

function view(
  index: number | null,
  body: string,
  querierName: string | null,
  providerName: string | null,
  withPerson: boolean,
): EntryView {
  const e = parseEntry(body);
  return {
    index,
    entryId: e.id,
    at: e.at,
    querier: e.querier,
    querierName,
    provider: e.provider,
    providerName,
    task: e.task,
    infoTypes: e.infoTypes,
    outcome: e.outcome,
    reason: e.reason,
    entry: body,
    ...(withPerson ? { person: e.person } : {}),
  };
}

function readTx(db: Kysely<HubDB>) {
  return db.transaction().setIsolationLevel('repeatable read');
}

const PERSON_PURPOSE = '情報提供等記録の本人開示 (やりとり履歴)';

/**
 * A person's entries, newest first: entries still pending come first (index null, first page
 * only, in addition to `limit`), then sequenced ones; `next` is the cursor for the following page.
 */
export async function listPersonEntries(
  ctx: LogReadContext,
  actor: string,
  person: string,
  query: EntryQuery,
): Promise<{ entries: EntryView[]; next?: number }> {
  const filter = toFilter(query, 50);
  const rows = await readPersonEntries(
    ctx.db,
    { ...filter, person },
    {
      type: 'log.read',
      actor,
      onBehalfOf: `fugo:portal:${person}`,
      purpose: PERSON_PURPOSE,
      requestId: ctx.requestId,
      subject: 'log:entries',
      outcome: 'success',
    },
  );
  const entries = rows.map((r) => view(r.idx, r.body, r.querier_name, r.provider_name, false));
  const sequenced = rows.filter((r) => r.idx !== null);
  const last = sequenced[sequenced.length - 1];
  return sequenced.length === filter.limit && last?.idx != null ? { entries, next: last.idx } : { entries };
}

export interface PersonEntryProof {
  index: number;
  entry: string;
  inclusionProof: string[];
  checkpoint: string;
}

/** One entry with its inclusion proof against the latest checkpoint; another person's entry is 404. */
export async function personEntryProof(
  ctx: LogReadContext,
  actor: string,
  person: string,
  entryId: string,
): Promise<PersonEntryProof> {
  const result = await readTx(ctx.db).execute(
    async (trx): Promise<PersonEntryProof | { error: ErrorCode }> => {
      const where = await locatePersonEntry(trx, person, entryId);
      const audit = (outcome: 'success' | 'failure', detail: Record<string, string>) =>
        writeAudit(trx, {
          type: 'log.read',
          actor,
          onBehalfOf: `fugo:portal:${person}`,
          purpose: PERSON_PURPOSE,
          requestId: ctx.requestId,
          subject: `log:entry:${entryId}`,
          outcome,
          detail,
        });
      if (where?.state !== 'sequenced') {
        const code: ErrorCode = where ? 'log.entry_pending' : 'resource.not_found';
        await audit('failure', { reason: code });
        return { error: code };
      }
      const cp = await currentCheckpoint(trx, ctx.key);
      const [proof] = await inclusionProofs(trx, [where.idx], cp.size);
      await audit('success', { index: String(where.idx) });
      return {
        index: where.idx,
        entry: where.body,
        inclusionProof: (proof as Buffer[]).map((h) => h.toString('base64')),
        checkpoint: cp.note,
      };
    },
  );
  // Thrown after the commit, so the refused read is audited too.
  if ('error' in result) throw new AppError(result.error);
  return result;
}

/** The download: the person's sequenced entries (≤ 1000) with proofs against one checkpoint. */
export async function personBundle(
  ctx: LogReadContext,
  actor: string,
  person: string,
  query: EntryQuery,
): Promise<LogBundle> {
  const filter = toFilter(query, 1000);
  return readTx(ctx.db).execute(async (trx) => {
    const cp = await currentCheckpoint(trx, ctx.key);
    const before = Math.min(filter.before ?? cp.size, cp.size);
    const rows = await findSequenced(trx, { ...filter, before, person });
    const proofs = await inclusionProofs(
      trx,
      rows.map((r) => r.idx),
      cp.size,
    );
    await writeAudit(trx, {
      type: 'log.read',
      actor,
      onBehalfOf: `fugo:portal:${person}`,
      purpose: PERSON_PURPOSE,
      requestId: ctx.requestId,
      subject: 'log:bundle',
      outcome: 'success',
      detail: { count: rows.length, treeSize: cp.size },
    });
    return {
      format: BUNDLE_FORMAT,
      verifierKey: ctx.key.vkey,
      checkpoint: cp.note,
      entries: rows.map((r, i) => ({
        index: r.idx,
        entry: r.body,
        inclusionProof: (proofs[i] as Buffer[]).map((h) => h.toString('base64')),
      })),
    };
  });
}

/** Supervisors (個人情報保護委員会) read entries across people, by agency and period. */
export async function supervisorEntries(
  ctx: LogReadContext,
  query: EntryQuery & { person?: string },
): Promise<{ entries: EntryView[]; next?: number }> {
  const filter = toFilter(query, 50);
  return readTx(ctx.db).execute(async (trx) => {
    const rows = await findSequenced(trx, {
      ...filter,
      ...(query.person !== undefined ? { person: query.person } : {}),
    });
    const names = await agencyNames(
      trx,
      rows.flatMap((r) => {
        const e = parseEntry(r.body);
        return [e.querier, e.provider];
      }),
    );
    const entries = rows.map((r) => {
      const e = parseEntry(r.body);
      return view(r.idx, r.body, names.get(e.querier) ?? null, names.get(e.provider) ?? null, true);
    });
    await writeAudit(trx, {
      type: 'log.read',
      actor: 'supervisor',
      purpose: '監督 (個人情報保護委員会による情報提供等記録の確認)',
      requestId: ctx.requestId,
      subject: 'log:entries',
      outcome: 'success',
      detail: {
        count: entries.length,
        ...(query.agency !== undefined ? { agency: query.agency } : {}),
      },
    });
    const last = rows[rows.length - 1];
    return rows.length === filter.limit && last ? { entries, next: last.idx } : { entries };
  });
}
