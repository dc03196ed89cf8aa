/**
 * An in-memory tree that keeps every perfect subtree hash, level by level, in flat chunked byte
 * arrays (32 bytes a node, no per-node objects), so a proof costs O(log n) look-ups and 1M leaves
 * take about 64 MB. For tests, benchmarks and tools; the hub stores the same nodes in its database.
 */
import { MerkleLogError } from './errors.ts';
import { MerkleFrontier } from './frontier.ts';
import { HASH_SIZE, hashLeaf } from './hash.ts';
import { consistencyProof, inclusionProof, type NodeHashSource } from './proof-plan.ts';
import { isPowerOfTwo, log2Exact, splitPoint } from './tree-math.ts';

const CHUNK_NODES = 1 << 16;

class HashColumn {
  #chunks: Uint8Array[] = [];
  length = 0;

  push(hash: Uint8Array): void {
    const chunkIndex = Math.floor(this.length / CHUNK_NODES);
    if (chunkIndex === this.#chunks.length) this.#chunks.push(new Uint8Array(CHUNK_NODES * HASH_SIZE));
    const offset = (this.length % CHUNK_NODES) * HASH_SIZE;
    (this.#chunks[chunkIndex] as Uint8Array).set(hash, offset);
    this.length++;
  }

  /** A view, not a copy: callers must not write to it. */
  get(index: number): Uint8Array {
    const chunk = this.#chunks[Math.floor(index / CHUNK_NODES)] as Uint8Array;
    const offset = (index % CHUNK_NODES) * HASH_SIZE;
    return chunk.subarray(offset, offset + HASH_SIZE);
  }
}

export class MemoryMerkleTree {
  #frontier = new MerkleFrontier();
  #levels: HashColumn[] = [];
  readonly #sink = (level: number, index: number, hash: Buffer): void => {
    let column = this.#levels[level];
    if (column === undefined) {
      column = new HashColumn();
      this.#levels[level] = column;
    }
    if (column.length !== index) throw new MerkleLogError('tree.bad_range', 'nodes must arrive in order');
    column.push(hash);
  };

  get size(): number {
    return this.#frontier.size;
  }

  /** Hashes `data` as a leaf and appends it; returns the leaf index. */
  append(data: Uint8Array): number {
    return this.appendLeafHash(hashLeaf(data));
  }

  appendLeafHash(leafHash: Uint8Array): number {
    return this.#frontier.append(leafHash, this.#sink);
  }

  root(): Buffer {
    return this.#frontier.root();
  }

  /** Root of the first `size` leaves (any earlier tree), from O(log n) stored nodes. */
  rootAt(size: number): Buffer {
    if (size === this.size) return this.root();
    if (size > this.size) throw new MerkleLogError('tree.bad_range', 'size is beyond the tree');
    const frontier = new MerkleFrontier();
    if (size === 0) return frontier.root();
    // The decomposition of `size` into perfect subtrees is what a frontier at that size would hold.
    const hashes: Uint8Array[] = [];
    let start = 0;
    let remaining = size;
    while (remaining > 0) {
      const width = isPowerOfTwo(remaining) ? remaining : splitPoint(remaining);
      const level = log2Exact(width);
      hashes.push(this.nodeHash(level, start / width));
      start += width;
      remaining -= width;
    }
    return MerkleFrontier.restore(size, hashes).root();
  }

  readonly nodeHash: NodeHashSource = (level, index) => {
    const column = this.#levels[level];
    if (column === undefined || index >= column.length) {
      throw new MerkleLogError('tree.bad_range', `node ${level}/${index} is not in the tree`);
    }
    return column.get(index);
  };

  leafHash(index: number): Uint8Array {
    return this.nodeHash(0, index);
  }

  inclusionProof(leafIndex: number, treeSize = this.size): Buffer[] {
    this.#checkSize(treeSize);
    return inclusionProof(leafIndex, treeSize, this.nodeHash);
  }

  consistencyProof(oldSize: number, newSize = this.size): Buffer[] {
    this.#checkSize(newSize);
    return consistencyProof(oldSize, newSize, this.nodeHash);
  }

  #checkSize(treeSize: number): void {
    if (treeSize > this.size) throw new MerkleLogError('tree.bad_range', 'tree size is beyond the tree');
  }
}
