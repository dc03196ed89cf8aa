/**
 * An independent RFC 9162 verifier for the tests, written from the RFC's pseudo-code (§2.1.3.2 and
 * §2.1.4.2) without any of packages/merkle-log: if the hub's prover and this disagree, one of them
 * does not implement the standard.
 */
import { createHash } from 'node:crypto';

const node = (l: Uint8Array, r: Uint8Array): Buffer =>
  createHash('sha256')
    .update(Buffer.from([1]))
    .update(l)
    .update(r)
    .digest();
const lsb = (x: number): boolean => x % 2 === 1;
const shr = (x: number): number => Math.floor(x / 2);
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

/** SHA-256(0x00 || data). */
export function leafHash(data: Uint8Array | string): Buffer {
  return createHash('sha256')
    .update(Buffer.from([0]))
    .update(data)
    .digest();
}

/** §2.1.3.2: verifying an inclusion proof. */
export function rfcVerifyInclusion(
  leafIndex: number,
  treeSize: number,
  hash: Uint8Array,
  path: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (leafIndex >= treeSize) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(hash);
  for (const p of path) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      r = node(p, r);
      if (!lsb(fn)) {
        while (!(lsb(fn) || fn === 0)) {
          fn = shr(fn);
          sn = shr(sn);
        }
      }
    } else {
      r = node(r, p);
    }
    fn = shr(fn);
    sn = shr(sn);
  }
  return sn === 0 && same(r, root);
}

/** §2.1.4.2: verifying consistency between first_hash (first) and second_hash (second). */
export function rfcVerifyConsistency(
  first: number,
  second: number,
  firstHash: Uint8Array,
  secondHash: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (first > second) return false;
  if (first === second) return proof.length === 0 && same(firstHash, secondHash);
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  let path = [...proof];
  const powerOfTwo = (first & (first - 1)) === 0 && first < 2 ** 31;
  if (powerOfTwo) path = [firstHash, ...path];
  let fn = first - 1;
  let sn = second - 1;
  while (lsb(fn)) {
    fn = shr(fn);
    sn = shr(sn);
  }
  let fr: Buffer = Buffer.from(path[0] as Uint8Array);
  let sr: Buffer = Buffer.from(path[0] as Uint8Array);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      fr = node(c, fr);
      sr = node(c, sr);
      if (!lsb(fn)) {
        while (!(lsb(fn) || fn === 0)) {
          fn = shr(fn);
          sn = shr(sn);
        }
      }
    } else {
      sr = node(sr, c);
    }
    fn = shr(fn);
    sn = shr(sn);
  }
  return same(fr, firstHash) && same(sr, secondHash) && sn === 0;
}
