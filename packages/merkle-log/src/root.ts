/** MTH straight from the RFC 9162 §2.1.1 definition; O(n). The frontier is the incremental form. */
import { emptyRoot, hashChildren } from './hash.ts';
import { splitPoint } from './tree-math.ts';

export function rootOf(leafHashes: readonly Uint8Array[]): Buffer {
  if (leafHashes.length === 0) return emptyRoot();
  return mth(leafHashes, 0, leafHashes.length);
}

function mth(leaves: readonly Uint8Array[], start: number, n: number): Buffer {
  if (n === 1) return Buffer.from(leaves[start] as Uint8Array);
  const k = splitPoint(n);
  return hashChildren(mth(leaves, start, k), mth(leaves, start + k, n - k));
}
