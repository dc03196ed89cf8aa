/**
 * A compact range over [0, size): the hashes of the perfect subtrees in the binary decomposition of
 * `size`, largest (leftmost) first — at most 53 for any safe-integer size, 64 in the serialized form's
 * contract. Appending costs O(log n) hashes amortised O(1), and the root needs only these hashes, so an
 * appender keeps up without re-reading the tree. Every perfect node it completes is reported through
 * `onNode`, which is how a database-backed tree stores the nodes proof generation later looks up.
 */

import { MerkleLogError } from './errors.ts';
import { emptyRoot, HASH_SIZE, hashChildren } from './hash.ts';
import { assertSize, popcount } from './tree-math.ts';

export type NodeSink = (level: number, index: number, hash: Buffer) => void;

export interface FrontierState {
  size: number;
  /** Base64 hashes of the perfect subtrees, largest first. */
  hashes: string[];
}

export const MAX_FRONTIER_HASHES = 64;

export class MerkleFrontier {
  #size = 0;
  #nodes: Buffer[] = [];

  get size(): number {
    return this.#size;
  }

  /** The compact-range hashes, largest subtree first (copies, so callers cannot corrupt the state). */
  get hashes(): Buffer[] {
    return this.#nodes.map((h) => Buffer.from(h));
  }

  /** Appends one leaf hash (already `hashLeaf`ed) and returns its index. */
  append(leafHash: Uint8Array, onNode?: NodeSink): number {
    if (leafHash.length !== HASH_SIZE)
      throw new MerkleLogError('tree.bad_hash', 'leaf hash must be 32 bytes');
    const index = this.#size;
    if (!Number.isSafeInteger(index + 1))
      throw new MerkleLogError('tree.too_large', 'tree size limit reached');
    let hash: Buffer = Buffer.from(leafHash);
    onNode?.(0, index, hash);
    let level = 0;
    let position = index;
    // Each trailing 1 bit of the old size is a completed sibling to the left: merge it.
    while (position % 2 === 1) {
      const left = this.#nodes.pop() as Buffer;
      hash = hashChildren(left, hash);
      level++;
      position = Math.floor(position / 2);
      onNode?.(level, position, hash);
    }
    this.#nodes.push(hash);
    this.#size = index + 1;
    return index;
  }

  /** MTH of the whole tree: fold the subtrees right to left. */
  root(): Buffer {
    const nodes = this.#nodes;
    if (nodes.length === 0) return emptyRoot();
    let acc = nodes[nodes.length - 1] as Buffer;
    for (let i = nodes.length - 2; i >= 0; i--) acc = hashChildren(nodes[i] as Buffer, acc);
    return acc;
  }

  toJSON(): FrontierState {
    return { size: this.#size, hashes: this.#nodes.map((h) => h.toString('base64')) };
  }

  /** Rebuilds a frontier from a stored state; the hash count must match the size's bit count. */
  static restore(size: number, hashes: readonly Uint8Array[]): MerkleFrontier {
    assertSize(size, 'size');
    if (hashes.length > MAX_FRONTIER_HASHES || hashes.length !== popcount(size)) {
      throw new MerkleLogError('tree.bad_frontier', `a tree of size ${size} needs ${popcount(size)} hashes`);
    }
    for (const h of hashes) {
      if (h.length !== HASH_SIZE)
        throw new MerkleLogError('tree.bad_hash', 'frontier hashes must be 32 bytes');
    }
    const frontier = new MerkleFrontier();
    frontier.#size = size;
    frontier.#nodes = hashes.map((h) => Buffer.from(h));
    return frontier;
  }

  static fromJSON(state: FrontierState): MerkleFrontier {
    return MerkleFrontier.restore(
      state.size,
      state.hashes.map((h) => decodeHash(h)),
    );
  }
}

/** Strict standard base64 of exactly 32 bytes (re-encoding must round-trip, so no sloppy input). */
export function decodeHash(b64: string): Buffer {
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length !== HASH_SIZE || bytes.toString('base64') !== b64) {
    throw new MerkleLogError('tree.bad_hash', 'expected standard base64 of a 32-byte hash');
  }
  return bytes;
}
