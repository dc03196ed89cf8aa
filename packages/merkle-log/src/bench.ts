/**
 * Micro-benchmark (not a test): `node packages/merkle-log/src/bench.ts [n]`.
 * Prints the frontier's append rate, the stored tree's append rate, and the time to generate and verify
 * inclusion and consistency proofs in an in-memory tree of n = 1,000,000 leaves.
 */
import { performance } from 'node:perf_hooks';
import { MerkleFrontier } from './frontier.ts';
import { hashLeaf } from './hash.ts';
import { MemoryMerkleTree } from './memory-tree.ts';
import { verifyConsistency, verifyInclusion } from './verify.ts';

const n = Number(process.argv[2] ?? 1_000_000);
const leafHashes: Buffer[] = [];
let t = performance.now();
for (let i = 0; i < n; i++) leafHashes.push(hashLeaf(Buffer.from(`exchange-log-entry-${i}`)));
const leafMs = performance.now() - t;

t = performance.now();
const frontier = new MerkleFrontier();
for (const h of leafHashes) frontier.append(h);
const frontierRoot = frontier.root();
const frontierMs = performance.now() - t;

t = performance.now();
const tree = new MemoryMerkleTree();
for (const h of leafHashes) tree.appendLeafHash(h);
const treeMs = performance.now() - t;
if (!tree.root().equals(frontierRoot)) throw new Error('stored tree and frontier disagree');

const samples = 10_000;
const root = tree.root();
let genMs = 0;
let verMs = 0;
for (let s = 0; s < samples; s++) {
  const i = Math.floor(Math.random() * n);
  let t0 = performance.now();
  const proof = tree.inclusionProof(i);
  genMs += performance.now() - t0;
  t0 = performance.now();
  if (!verifyInclusion(i, n, leafHashes[i] as Buffer, proof, root)) throw new Error('inclusion proof failed');
  verMs += performance.now() - t0;
}

let consMs = 0;
for (let s = 0; s < 1000; s++) {
  const m = 1 + Math.floor(Math.random() * n);
  const t0 = performance.now();
  const proof = tree.consistencyProof(m);
  if (!verifyConsistency(m, n, tree.rootAt(m), root, proof)) throw new Error('consistency proof failed');
  consMs += performance.now() - t0;
}

const rate = (count: number, ms: number): string =>
  `${Math.round((count / ms) * 1000).toLocaleString('en')}/s`;
const us = (ms: number, count: number): string => `${((ms / count) * 1000).toFixed(1)} µs`;
console.log(`n = ${n.toLocaleString('en')} leaves (Node ${process.version})`);
console.log(`leaf hashing (SHA-256 0x00||data):       ${rate(n, leafMs)}`);
console.log(
  `MerkleFrontier.append:                   ${rate(n, frontierMs)} (frontier: ${frontier.hashes.length} hashes)`,
);
console.log(`MemoryMerkleTree.append (stores levels): ${rate(n, treeMs)}`);
console.log(`inclusion proof generate:                ${us(genMs, samples)} per proof (mean of ${samples})`);
console.log(`inclusion proof verify:                  ${us(verMs, samples)} per proof`);
console.log(`consistency proof generate+rootAt+verify: ${us(consMs, 1000)} per proof (mean of 1000)`);
console.log(
  `heap used: ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`,
);
