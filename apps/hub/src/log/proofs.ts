/**
 * Inclusion and consistency proofs from storage: plan which perfect subtrees each proof element
 * is made of, fetch them all in one query, fold. Sizes are bounded by the latest signed checkpoint,
 * so a proof is always about a tree someone can hold the log to.
 */
import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import {
  assembleProof,
  emptyRoot,
  type NodeId,
  planConsistencyProof,
  planInclusionProof,
  planNodes,
  signCheckpoint,
} from '@madoguchi/merkle-log';
import type { HubDB } from '../data/schema.ts';
import type { LogKey } from './log-key.ts';
import { fetchNodes, latestCheckpoint, nodeKey, type StoredCheckpoint } from './tree-store.ts';

function rangeInvalid(detail: string): AppError {
  return new AppError('log.range_invalid', { details: { reason: detail } });
}

/**
 * The latest signed checkpoint. Before the sequencer's first run there is none stored yet; the
 * empty tree's checkpoint is then signed on the fly — Ed25519 is deterministic, so it is the very
 * note the sequencer stores.
 */
export async function currentCheckpoint(db: Kysely<HubDB>, key: LogKey): Promise<StoredCheckpoint> {
  const cp = await latestCheckpoint(db);
  if (cp) return cp;
  const rootHash = emptyRoot();
  return { size: 0, rootHash, note: signCheckpoint({ origin: key.origin, size: 0, rootHash }, key.signer) };
}

/** The latest stored checkpoint; 409 `log.entry_pending` before the sequencer has stored any. */
export async function requireCheckpoint(db: Kysely<HubDB>): Promise<StoredCheckpoint> {
  const cp = await latestCheckpoint(db);
  if (!cp) throw new AppError('log.entry_pending');
  return cp;
}

/**
 * The largest checkpoint size seen per database. Checkpoints only grow and the nodes below one never
 * change, so a size within it needs no query: one round trip less per proof.
 */
const signedSizes = new WeakMap<object, number>();

async function checkedSize(db: Kysely<HubDB>, size: number): Promise<void> {
  if (size <= (signedSizes.get(db) ?? -1)) return;
  const latest = (await latestCheckpoint(db))?.size ?? 0;
  signedSizes.set(db, latest);
  if (size > latest) throw rangeInvalid(`size is beyond the latest checkpoint (${latest})`);
}

/** Inclusion proofs for many leaves in one tree (a bundle): one fetch for all their nodes. */
export async function inclusionProofs(
  db: Kysely<HubDB>,
  indexes: readonly number[],
  size: number,
): Promise<Buffer[][]> {
  const plans = indexes.map((i) => planInclusionProof(i, size));
  const wanted = new Map<string, NodeId>();
  for (const plan of plans) for (const n of planNodes(plan)) wanted.set(nodeKey(n.level, n.index), n);
  const hashes = await fetchNodes(db, [...wanted.values()]);
  return plans.map((plan) =>
    assembleProof(plan, (level, index) => hashes.get(nodeKey(level, index)) as Buffer),
  );
}

/** GET /log/proof/inclusion: index < size ≤ latest checkpoint size. */
export async function inclusionProofAt(db: Kysely<HubDB>, index: number, size: number): Promise<Buffer[]> {
  if (index >= size) throw rangeInvalid('index must be below size');
  await checkedSize(db, size);
  return (await inclusionProofs(db, [index], size))[0] as Buffer[];
}

/** GET /log/proof/consistency: from ≤ to ≤ latest checkpoint size (empty proof when from is 0 or equal). */
export async function consistencyProofBetween(
  db: Kysely<HubDB>,
  from: number,
  to: number,
): Promise<Buffer[]> {
  if (from > to) throw rangeInvalid('from must not exceed to');
  await checkedSize(db, to);
  const plan = planConsistencyProof(from, to);
  const hashes = await fetchNodes(db, planNodes(plan));
  return assembleProof(plan, (level, index) => hashes.get(nodeKey(level, index)) as Buffer);
}
