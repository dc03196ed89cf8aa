/**
 * Proof generation, RFC 9162 §2.1.3.1 (PATH) and §2.1.4.1 (SUBPROOF), split in two so a database can
 * back it: `plan*` lists which perfect-subtree nodes each proof element is made of (pure arithmetic, no
 * hashes), the caller fetches them in one query, and `assembleProof` combines them. Each element is
 * MTH of a contiguous leaf range: one stored node when the range is a perfect subtree, otherwise a few
 * (largest first) folded right to left — at most O(log n) look-ups in all.
 */
import { MerkleLogError } from './errors.ts';
import { hashChildren } from './hash.ts';
import { assertSize, type NodeId, rangeNodes, splitPoint } from './tree-math.ts';

/** One proof element: the perfect subtrees, largest first, whose fold is the element's hash. */
export type ProofPlan = NodeId[][];

/** Returns the stored hash of a perfect subtree (level 0 = leaf hash). */
export type NodeHashSource = (level: number, index: number) => Uint8Array;

/** RFC 9162 §2.1.3.1 PATH(m, D[n]), ordered leaf to root. */
export function planInclusionProof(leafIndex: number, treeSize: number): ProofPlan {
  assertSize(leafIndex, 'leafIndex');
  assertSize(treeSize, 'treeSize');
  if (leafIndex >= treeSize)
    throw new MerkleLogError('tree.bad_range', 'leaf index is not below the tree size');
  const plan: ProofPlan = [];
  path(leafIndex, 0, treeSize, plan);
  return plan;
}

function path(m: number, start: number, n: number, out: ProofPlan): void {
  if (n === 1) return;
  const k = splitPoint(n);
  if (m < k) {
    path(m, start, k, out);
    out.push(rangeNodes(start + k, n - k));
  } else {
    path(m - k, start + k, n - k, out);
    out.push(rangeNodes(start, k));
  }
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true); empty when m is 0 or m = n. */
export function planConsistencyProof(oldSize: number, newSize: number): ProofPlan {
  assertSize(oldSize, 'oldSize');
  assertSize(newSize, 'newSize');
  if (oldSize > newSize) throw new MerkleLogError('tree.bad_range', 'old size is larger than new size');
  const plan: ProofPlan = [];
  if (oldSize === 0 || oldSize === newSize) return plan;
  subproof(oldSize, 0, newSize, true, plan);
  return plan;
}

function subproof(m: number, start: number, n: number, complete: boolean, out: ProofPlan): void {
  if (m === n) {
    if (!complete) out.push(rangeNodes(start, n));
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    subproof(m, start, k, complete, out);
    out.push(rangeNodes(start + k, n - k));
  } else {
    subproof(m - k, start + k, n - k, false, out);
    out.push(rangeNodes(start, k));
  }
}

/** The distinct nodes a plan needs, for a single batched fetch. */
export function planNodes(plan: ProofPlan): NodeId[] {
  const seen = new Map<string, NodeId>();
  for (const element of plan) for (const node of element) seen.set(`${node.level}:${node.index}`, node);
  return [...seen.values()];
}

/** Folds each element's nodes right to left: MTH of a range = H(first, MTH(rest)). */
export function assembleProof(plan: ProofPlan, getNodeHash: NodeHashSource): Buffer[] {
  return plan.map((element) => {
    const last = element[element.length - 1] as NodeId;
    let acc: Buffer = Buffer.from(getNodeHash(last.level, last.index));
    for (let i = element.length - 2; i >= 0; i--) {
      const node = element[i] as NodeId;
      acc = hashChildren(getNodeHash(node.level, node.index), acc);
    }
    return acc;
  });
}

export function inclusionProof(leafIndex: number, treeSize: number, getNodeHash: NodeHashSource): Buffer[] {
  return assembleProof(planInclusionProof(leafIndex, treeSize), getNodeHash);
}

export function consistencyProof(oldSize: number, newSize: number, getNodeHash: NodeHashSource): Buffer[] {
  return assembleProof(planConsistencyProof(oldSize, newSize), getNodeHash);
}

/**
 * Adapts a leaf-hash source to a node source by recomputing interior nodes: O(2^level) per node, so
 * O(n) per proof. For small trees and tests; real storage should keep the nodes `MerkleFrontier`
 * reports as it appends.
 */
export function nodeSourceFromLeaves(getLeafHash: (index: number) => Uint8Array): NodeHashSource {
  const node = (level: number, index: number): Uint8Array =>
    level === 0
      ? getLeafHash(index)
      : hashChildren(node(level - 1, index * 2), node(level - 1, index * 2 + 1));
  return node;
}
