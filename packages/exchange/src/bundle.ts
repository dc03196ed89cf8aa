/**
 * The やりとり履歴 download: a person's entries with inclusion proofs against one signed checkpoint,
 * checkable offline (`madoguchi log verify bundle.json`) with nothing but the log's public key.
 */
import { MerkleLogError, openCheckpoint, parseVkey, verifyInclusion } from '@madoguchi/merkle-log';
import { type LogEntry, leafHashOfEntry, parseEntry } from './log-entry.ts';

export const BUNDLE_FORMAT = 'madoguchi-log-bundle/v1';

export interface BundleEntry {
  /** Leaf index in the log. */
  index: number;
  /** The canonical entry text (the leaf data). */
  entry: string;
  /** RFC 9162 inclusion proof for `index` in the checkpoint's tree, base64 hashes, leaf side first. */
  inclusionProof: string[];
}

export interface LogBundle {
  format: typeof BUNDLE_FORMAT;
  /** The log's C2SP verifier key, as served at GET /log/key (for convenience: trust comes from elsewhere). */
  verifierKey: string;
  /** C2SP signed-note checkpoint text, as served at GET /log/checkpoint. */
  checkpoint: string;
  entries: BundleEntry[];
}

export interface EntryVerdict {
  index: number;
  ok: boolean;
  entry?: LogEntry;
  /** Why it failed: 'not_canonical' | 'beyond_checkpoint' | 'proof_mismatch'. */
  problem?: string;
}

export interface BundleVerdict {
  ok: boolean;
  /** Checkpoint signature and origin verified against the key. */
  checkpointOk: boolean;
  checkpointProblem?: string;
  treeSize?: number;
  entries: EntryVerdict[];
}

function decodeProof(p: string[]): Buffer[] | undefined {
  const out = p.map((h) => Buffer.from(h, 'base64'));
  return out.every((b, i) => b.length === 32 && b.toString('base64') === p[i]) ? out : undefined;
}

/** Checks one entry against an opened checkpoint. */
export function verifyEntry(
  e: BundleEntry,
  checkpoint: { size: number; rootHash: Uint8Array },
): EntryVerdict {
  let entry: LogEntry;
  try {
    entry = parseEntry(e.entry);
  } catch {
    return { index: e.index, ok: false, problem: 'not_canonical' };
  }
  if (!Number.isSafeInteger(e.index) || e.index < 0 || e.index >= checkpoint.size)
    return { index: e.index, ok: false, entry, problem: 'beyond_checkpoint' };
  const proof = decodeProof(e.inclusionProof);
  const ok =
    proof !== undefined &&
    verifyInclusion(e.index, checkpoint.size, leafHashOfEntry(e.entry), proof, checkpoint.rootHash);
  return ok ? { index: e.index, ok, entry } : { index: e.index, ok, entry, problem: 'proof_mismatch' };
}

/**
 * Verifies the checkpoint with `trustedKey` (a vkey the verifier got from somewhere it trusts; by
 * default the bundle's own key, which only proves internal consistency) and every entry's proof.
 */
export function verifyBundle(bundle: LogBundle, trustedKey?: string): BundleVerdict {
  if (bundle?.format !== BUNDLE_FORMAT || !Array.isArray(bundle.entries))
    return { ok: false, checkpointOk: false, checkpointProblem: 'not a madoguchi log bundle', entries: [] };
  let cp: { size: number; rootHash: Uint8Array };
  try {
    const key = parseVkey(trustedKey ?? bundle.verifierKey);
    cp = openCheckpoint(bundle.checkpoint, key).checkpoint;
  } catch (err) {
    const problem = err instanceof MerkleLogError ? err.code : 'checkpoint unreadable';
    return { ok: false, checkpointOk: false, checkpointProblem: problem, entries: [] };
  }
  const entries = bundle.entries.map((e) => verifyEntry(e, cp));
  return { ok: entries.every((e) => e.ok), checkpointOk: true, treeSize: cp.size, entries };
}
