/**
 * Index arithmetic for RFC 9162 trees. Sizes go up to Number.MAX_SAFE_INTEGER, so nothing here uses
 * JavaScript's 32-bit bitwise operators; halving is `Math.floor(x / 2)` and parity is `x % 2`.
 */

/** A perfect subtree: covers leaves [index·2^level, (index+1)·2^level). Level 0 is a leaf. */
export interface NodeId {
  level: number;
  index: number;
}

export function assertSize(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative safe integer`);
}

export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  let x = n;
  while (x % 2 === 0) x /= 2;
  return x === 1;
}

/** log2 of a power of two. */
export function log2Exact(n: number): number {
  let level = 0;
  let x = n;
  while (x > 1) {
    x /= 2;
    level++;
  }
  return level;
}

/** The k of RFC 9162: the largest power of two strictly smaller than n (n > 1). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The perfect subtrees, largest first, whose hashes combine (right to left) into MTH of leaves
 * [start, start + n). Valid for the ranges the RFC recursion produces: `start` is a multiple of a
 * power of two that is at least n, so the binary decomposition of n is exactly the RFC's split.
 */
export function rangeNodes(start: number, n: number): NodeId[] {
  const nodes: NodeId[] = [];
  let offset = start;
  let remaining = n;
  while (remaining > 0) {
    let size = 1;
    while (size * 2 <= remaining) size *= 2;
    nodes.push({ level: log2Exact(size), index: offset / size });
    offset += size;
    remaining -= size;
  }
  return nodes;
}

/** How many perfect subtrees a tree of `size` leaves decomposes into (popcount). */
export function popcount(size: number): number {
  let count = 0;
  let x = size;
  while (x > 0) {
    if (x % 2 === 1) count++;
    x = Math.floor(x / 2);
  }
  return count;
}
