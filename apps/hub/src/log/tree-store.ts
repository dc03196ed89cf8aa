/**
 * Data access for the tree: level-0 node hashes live in log_entry.leaf_hash, higher levels in
 * log_node. Every proof or frontier needs O(log n) nodes, fetched in one round trip.
 */
import { type Kysely, sql } from '@madoguchi/db';
import { MerkleFrontier, type NodeId } from '@madoguchi/merkle-log';
import type { HubDB } from '../data/schema.ts';

export const nodeKey = (level: number, index: number): string => `${level}:${index}`;

/** The number of sequenced entries: indexes are contiguous from 0, so max + 1. */
export async function currentSize(db: Kysely<HubDB>): Promise<number> {
  const { rows } = await sql<{
    size: number;
  }>`select coalesce(max(idx) + 1, 0) as size from log_entry`.execute(db);
  return Number(rows[0]?.size ?? 0);
}

/** Fetches the given perfect-subtree hashes; a missing node is a storage fault, never silently skipped. */
export async function fetchNodes(db: Kysely<HubDB>, nodes: readonly NodeId[]): Promise<Map<string, Buffer>> {
  const leaves = nodes.filter((n) => n.level === 0).map((n) => n.index);
  const inner = nodes.filter((n) => n.level > 0);
  const out = new Map<string, Buffer>();
  if (nodes.length === 0) return out;
  const { rows } = await sql<{ level: number; idx: number; hash: Buffer }>`
    select n.level::int as level, n.idx, n.hash
      from unnest(${inner.map((n) => n.level)}::smallint[], ${inner.map((n) => n.index)}::bigint[]) as w(level, idx)
      join log_node n on n.level = w.level and n.idx = w.idx
    union all
    select 0, e.idx, e.leaf_hash from log_entry e where e.idx = any(${leaves}::bigint[])`.execute(db);
  for (const r of rows) out.set(nodeKey(r.level, Number(r.idx)), r.hash);
  if (out.size !== new Set(nodes.map((n) => nodeKey(n.level, n.index))).size) {
    throw new Error('exchange log: a tree node is missing from storage');
  }
  return out;
}

/** The perfect subtrees of `size`'s binary decomposition, largest first: the frontier of that tree. */
export function frontierNodes(size: number): NodeId[] {
  const nodes: NodeId[] = [];
  let offset = 0;
  for (let level = 52; level >= 0; level--) {
    const width = 2 ** level;
    if (Math.floor(size / width) % 2 === 1) {
      nodes.push({ level, index: offset / width });
      offset += width;
    }
  }
  return nodes;
}

/** Rebuilds the in-memory frontier of the stored tree of `size` leaves (one query). */
export async function restoreFrontier(db: Kysely<HubDB>, size: number): Promise<MerkleFrontier> {
  const wanted = frontierNodes(size);
  const hashes = await fetchNodes(db, wanted);
  return MerkleFrontier.restore(
    size,
    wanted.map((n) => hashes.get(nodeKey(n.level, n.index)) as Buffer),
  );
}

export interface StoredCheckpoint {
  size: number;
  rootHash: Buffer;
  note: string;
}

export async function latestCheckpoint(db: Kysely<HubDB>): Promise<StoredCheckpoint | undefined> {
  const row = await db
    .selectFrom('log_checkpoint')
    .select(['size', 'root_hash', 'note'])
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { size: Number(row.size), rootHash: row.root_hash, note: row.note } : undefined;
}

export async function insertCheckpoint(db: Kysely<HubDB>, cp: StoredCheckpoint): Promise<void> {
  await sql`insert into log_checkpoint (size, root_hash, note) values (${cp.size}, ${cp.rootHash}, ${cp.note})
    on conflict (size) do nothing`.execute(db);
}
