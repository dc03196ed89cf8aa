import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { type LogBundle, type LogEntry, parseEntry, verifyEntry } from '@madoguchi/exchange';
import { MerkleLogError, openCheckpoint } from '@madoguchi/merkle-log';
import type { PortalDB } from '../data/schema.ts';
import type { HistoryFilters, HubClient } from './hub-client.ts';
import { auditFailure, auditRead, linkedFugo, type ReadContext } from './linked-person.ts';

export interface HistoryDeps {
  db: Kysely<PortalDB>;
  hub: HubClient;
}

export interface HistoryItem {
  /** Leaf index; null while the hub's sequencer has not added it to the log yet. */
  index: number | null;
  entry: LogEntry;
  querierName: string | null;
  providerName: string | null;
}

export interface History {
  nickname: string | null;
  items: HistoryItem[];
  next: number | null;
}

const PAGE_SIZE = 50;

/**
 * The person's exchange-log entries, newest first. What is shown comes from the canonical entry text
 * (the bytes the log's leaf hash covers), so 検証 checks exactly what the person read; entries that
 * are not canonical or not this person's are dropped rather than shown.
 */
export async function readHistory(
  deps: HistoryDeps,
  ctx: ReadContext,
  filters: HistoryFilters,
): Promise<History> {
  const audit = {
    type: 'history.viewed' as const,
    purpose: '本人によるやりとり履歴（情報提供等記録）の表示',
  };
  const { fugo, nickname } = await linkedFugo(deps.db, ctx, audit);
  let items: HistoryItem[];
  let next: number | null;
  try {
    const page = await deps.hub.logEntries(fugo, { ...filters, limit: PAGE_SIZE });
    items = [];
    for (const e of page.entries) {
      let entry: LogEntry;
      try {
        entry = parseEntry(e.entry);
      } catch {
        continue;
      }
      if (entry.person !== fugo) continue;
      items.push({
        index: typeof e.index === 'number' ? e.index : null,
        entry,
        querierName: typeof e.querierName === 'string' ? e.querierName : null,
        providerName: typeof e.providerName === 'string' ? e.providerName : null,
      });
    }
    next = typeof page.next === 'number' ? page.next : null;
  } catch (err) {
    return auditFailure(deps.db, ctx, audit, err);
  }
  await auditRead(deps.db, ctx, fugo, {
    ...audit,
    detail: { entries: items.length, filtered: Object.values(filters).some((v) => v !== undefined) },
  });
  return { nickname, items, next };
}

export type Verification =
  | {
      ok: true;
      index: number;
      entry: LogEntry;
      treeSize: number;
      rootHash: string;
      checkpoint: string;
    }
  | { ok: false; problem: string; entry?: LogEntry; index?: number }
  | { ok: false; problem: 'pending' };

/** Checks a proof the hub returned, against the PINNED (or once-fetched) log key — never the hub's word. */
export function checkProof(
  proof: { index: number; entry: string; inclusionProof: string[]; checkpoint: string },
  vkey: string,
  expect: { entryId: string; person: string },
): Verification {
  let cp: { size: number; rootHash: Uint8Array };
  try {
    cp = openCheckpoint(proof.checkpoint, vkey).checkpoint;
  } catch (err) {
    if (err instanceof MerkleLogError) return { ok: false, problem: 'checkpoint_signature' };
    throw err;
  }
  const verdict = verifyEntry(
    { index: proof.index, entry: proof.entry, inclusionProof: proof.inclusionProof },
    cp,
  );
  if (!verdict.ok || !verdict.entry)
    return {
      ok: false,
      problem: verdict.problem ?? 'proof_mismatch',
      entry: verdict.entry,
      index: proof.index,
    };
  if (verdict.entry.id !== expect.entryId || verdict.entry.person !== expect.person)
    return { ok: false, problem: 'wrong_entry', index: proof.index };
  return {
    ok: true,
    index: proof.index,
    entry: verdict.entry,
    treeSize: cp.size,
    rootHash: Buffer.from(cp.rootHash).toString('base64'),
    checkpoint: proof.checkpoint,
  };
}

/** 検証: the entry's inclusion proof against the latest signed checkpoint, checked here at the portal. */
export async function verifyHistoryEntry(
  deps: HistoryDeps,
  ctx: ReadContext,
  entryId: string,
): Promise<{ nickname: string | null; result: Verification }> {
  const audit = { type: 'history.verified' as const, purpose: '本人によるやりとり履歴の検証' };
  const { fugo, nickname } = await linkedFugo(deps.db, ctx, audit);
  let result: Verification;
  try {
    const [proof, vkey] = await Promise.all([deps.hub.logProof(fugo, entryId), deps.hub.logVkey()]);
    result = checkProof(proof, vkey, { entryId, person: fugo });
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'log.entry_pending'))
      return auditFailure(deps.db, ctx, audit, err);
    result = { ok: false, problem: 'pending' };
  }
  await auditRead(deps.db, ctx, fugo, {
    ...audit,
    outcome: result.ok ? 'success' : 'failure',
    detail: result.ok
      ? { verified: true, treeSize: result.treeSize }
      : { verified: false, problem: result.problem },
  });
  return { nickname, result };
}

/** The verifiable download: the hub's bundle, passed through as is (its proofs speak for themselves). */
export async function historyBundle(
  deps: HistoryDeps,
  ctx: ReadContext,
  filters: HistoryFilters,
): Promise<LogBundle> {
  const audit = {
    type: 'history.bundle_downloaded' as const,
    purpose: '本人によるやりとり履歴のダウンロード',
  };
  const { fugo } = await linkedFugo(deps.db, ctx, audit);
  let bundle: LogBundle;
  try {
    bundle = await deps.hub.logBundle(fugo, { ...filters, limit: 1000 });
  } catch (err) {
    return auditFailure(deps.db, ctx, audit, err);
  }
  await auditRead(deps.db, ctx, fugo, { ...audit, detail: { entries: bundle.entries?.length ?? 0 } });
  return bundle;
}
