/**
 * Properties (fast-check): the incremental structures agree with the RFC definition, every proof we
 * generate verifies with the RFC verifier, and any single-bit change to a proof, a root or a leaf
 * makes verification fail.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { MerkleFrontier } from './frontier.ts';
import { hashLeaf } from './hash.ts';
import { MemoryMerkleTree } from './memory-tree.ts';
import { planConsistencyProof, planInclusionProof, planNodes } from './proof-plan.ts';
import { rootOf } from './root.ts';
import { verifyConsistency, verifyInclusion } from './verify.ts';

function buildTree(size: number): { tree: MemoryMerkleTree; leafHashes: Buffer[] } {
  const tree = new MemoryMerkleTree();
  const leafHashes: Buffer[] = [];
  for (let i = 0; i < size; i++) {
    const data = Buffer.from(`entry ${i}`);
    leafHashes.push(hashLeaf(data));
    tree.append(data);
  }
  return { tree, leafHashes };
}

const flip = (b: Uint8Array, bit: number): Buffer => {
  const copy = Buffer.from(b);
  copy[Math.floor(bit / 8)] = (copy[Math.floor(bit / 8)] as number) ^ (1 << (bit % 8));
  return copy;
};

const { tree: big, leafHashes: bigLeaves } = buildTree(300);

test('frontier root equals the RFC definition for every size, and survives serialize/restore', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 300 }), (n) => {
      const frontier = new MerkleFrontier();
      for (const h of bigLeaves.slice(0, n)) frontier.append(h);
      const expected = rootOf(bigLeaves.slice(0, n));
      assert.deepEqual(frontier.root(), expected);
      assert.deepEqual(big.rootAt(n), expected);
      const restored = MerkleFrontier.fromJSON(JSON.parse(JSON.stringify(frontier.toJSON())));
      assert.ok(restored.hashes.length <= 64);
      assert.deepEqual(restored.root(), expected);
    }),
    { numRuns: 100 },
  );
});

test('restored frontier keeps appending to the same roots', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 1, max: 150 }), (m, extra) => {
      const a = new MerkleFrontier();
      for (const h of bigLeaves.slice(0, m)) a.append(h);
      const b = MerkleFrontier.restore(a.size, a.hashes);
      for (const h of bigLeaves.slice(m, m + extra)) b.append(h);
      assert.deepEqual(b.root(), rootOf(bigLeaves.slice(0, m + extra)));
    }),
  );
});

test('every generated inclusion proof verifies; any single-bit change fails', () => {
  const arb = fc
    .integer({ min: 1, max: 300 })
    .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 }), fc.nat()));
  fc.assert(
    fc.property(arb, ([n, i, seed]) => {
      const root = big.rootAt(n);
      const leaf = bigLeaves[i] as Buffer;
      const proof = big.inclusionProof(i, n);
      assert.ok(verifyInclusion(i, n, leaf, proof, root));
      assert.ok(planNodes(planInclusionProof(i, n)).length <= 2 * Math.ceil(Math.log2(n + 1)));
      assert.equal(verifyInclusion(i, n, flip(leaf, seed % 256), proof, root), false);
      assert.equal(verifyInclusion(i, n, leaf, proof, flip(root, seed % 256)), false);
      if (proof.length > 0) {
        const k = seed % proof.length;
        const bad = proof.map((p, j) => (j === k ? flip(p, Math.floor(seed / proof.length) % 256) : p));
        assert.equal(verifyInclusion(i, n, leaf, bad, root), false);
      }
    }),
    { numRuns: 300 },
  );
});

test('every generated consistency proof verifies; any single-bit change fails', () => {
  const arb = fc
    .integer({ min: 1, max: 300 })
    .chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n), fc.nat()));
  fc.assert(
    fc.property(arb, ([m, n, seed]) => {
      const oldRoot = big.rootAt(m);
      const newRoot = big.rootAt(n);
      const proof = big.consistencyProof(m, n);
      assert.ok(verifyConsistency(m, n, oldRoot, newRoot, proof));
      assert.ok(planConsistencyProof(m, n).length <= 2 * Math.ceil(Math.log2(n + 1)));
      if (m === n) return;
      assert.equal(verifyConsistency(m, n, flip(oldRoot, seed % 256), newRoot, proof), false);
      assert.equal(verifyConsistency(m, n, oldRoot, flip(newRoot, seed % 256), proof), false);
      const k = seed % proof.length;
      const bad = proof.map((p, j) => (j === k ? flip(p, Math.floor(seed / proof.length) % 256) : p));
      assert.equal(verifyConsistency(m, n, oldRoot, newRoot, bad), false);
    }),
    { numRuns: 300 },
  );
});
