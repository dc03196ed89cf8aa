/**
 * RFC 9162 §2.1.1 hashing with SHA-256: domain-separated leaf and interior-node hashes, so a leaf can
 * never be passed off as an interior node (the second-preimage attack on plain Merkle trees).
 */
import { createHash } from 'node:crypto';

export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH({d}) = SHA-256(0x00 || d). */
export function hashLeaf(data: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

/** SHA-256(0x01 || left || right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** MTH({}) = SHA-256() — the root of the empty tree. */
export function emptyRoot(): Buffer {
  return createHash('sha256').digest();
}

/** Constant-length equality; hashes are public, so timing safety is not the point, clarity is. */
export function hashEquals(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}
