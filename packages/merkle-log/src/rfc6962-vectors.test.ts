/**
 * Merkle hashing and proofs against published vectors, not against this package's own prover.
 *
 * Source A — transparency-dev/merkle, proof/verify_test.go (Apache-2.0; the RFC 6962 vectors that
 * originate in google/certificate-transparency's merkle_tree_test.cc): the 8 leaves, the roots of
 * every prefix tree 1..8, inclusion proofs and consistency proofs, and the corruption probes
 * (corruptInclusionProof / corruptConsistencyProof) re-expressed here.
 *
 * Source B — golang/mod, sumdb/tlog/testdata/argon2020/*.json and ct_test.go: real responses from
 * Google's Argon 2020 Certificate Transparency log (get-sth, get-entries?start=10000&end=10000,
 * get-proof-by-hash, get-sth-consistency?first=3654490) — a tree of 961,984,013 leaves.
 *
 * Source C — golang/mod, sumdb/tlog/note_test.go: the leaf hash of "hello world" in its FormatTree
 * golden text.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { emptyRoot, hashLeaf } from './hash.ts';
import { MemoryMerkleTree } from './memory-tree.ts';
import {
  consistencyProof,
  inclusionProof,
  nodeSourceFromLeaves,
  planConsistencyProof,
  planInclusionProof,
} from './proof-plan.ts';
import { rootOf } from './root.ts';
import { rootFromInclusionProof, verifyConsistency, verifyInclusion } from './verify.ts';

const h = (hex: string): Buffer => Buffer.from(hex, 'hex');
const b64 = (s: string): Buffer => Buffer.from(s, 'base64');

// Source A: leaves and roots[i] = MTH of the first i+1 leaves.
const leaves = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(h);
const roots = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map(h);
const rootOfSize = (n: number): Buffer => roots[n - 1] as Buffer;
const someHash = h('abacaba000000000000000000000000000000000000000000060061e00123456');
const emptyTreeHash = h('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');

// Source A: {leaf (1-based), size, proof}.
const inclusionVectors: { leaf: number; size: number; proof: Buffer[] }[] = [
  { leaf: 1, size: 1, proof: [] },
  {
    leaf: 1,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ].map(h),
  },
  {
    leaf: 6,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ].map(h),
  },
  { leaf: 3, size: 3, proof: [h('fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125')] },
  {
    leaf: 2,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ].map(h),
  },
];

// Source A: {size1, size2, proof}.
const consistencyVectors: { size1: number; size2: number; proof: Buffer[] }[] = [
  { size1: 1, size2: 1, proof: [] },
  {
    size1: 1,
    size2: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ].map(h),
  },
  {
    size1: 6,
    size2: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ].map(h),
  },
  {
    size1: 2,
    size2: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ].map(h),
  },
  {
    size1: 6,
    size2: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ].map(h),
  },
];

const leafHashes = leaves.map(hashLeaf);
const flipBit = (proof: Buffer[], i: number, mask: number): Buffer[] =>
  proof.map((p, j) => (j === i ? Buffer.from(p.map((b, k) => (k === 0 ? b ^ mask : b))) : p));

describe('RFC 6962 vectors (transparency-dev/merkle proof/verify_test.go)', () => {
  test('empty tree root is SHA-256 of nothing', () => {
    assert.deepEqual(emptyRoot(), emptyTreeHash);
    assert.deepEqual(rootOf([]), emptyTreeHash);
  });

  test('roots of every prefix tree 1..8, by definition, frontier and stored tree', () => {
    const tree = new MemoryMerkleTree();
    for (let n = 1; n <= 8; n++) {
      tree.append(leaves[n - 1] as Buffer);
      assert.deepEqual(rootOf(leafHashes.slice(0, n)), rootOfSize(n), `rootOf ${n}`);
      assert.deepEqual(tree.root(), rootOfSize(n), `frontier ${n}`);
    }
    for (let n = 1; n <= 8; n++) assert.deepEqual(tree.rootAt(n), rootOfSize(n), `rootAt ${n}`);
  });

  test('published inclusion proofs verify, and the prover emits exactly them', () => {
    const tree = new MemoryMerkleTree();
    for (const leaf of leaves) tree.append(leaf);
    const fromLeaves = nodeSourceFromLeaves((i) => leafHashes[i] as Buffer);
    for (const v of inclusionVectors) {
      const index = v.leaf - 1;
      const leafHash = leafHashes[index] as Buffer;
      assert.deepEqual(rootFromInclusionProof(index, v.size, leafHash, v.proof), rootOfSize(v.size));
      assert.ok(verifyInclusion(index, v.size, leafHash, v.proof, rootOfSize(v.size)));
      assert.deepEqual(tree.inclusionProof(index, v.size), v.proof, `stored nodes ${v.leaf}/${v.size}`);
      assert.deepEqual(
        inclusionProof(index, v.size, fromLeaves),
        v.proof,
        `leaf callback ${v.leaf}/${v.size}`,
      );
    }
  });

  test('corrupted inclusion proofs are refused (corruptInclusionProof probes)', () => {
    for (const v of inclusionVectors.slice(1)) {
      const i = v.leaf - 1;
      const n = v.size;
      const root = rootOfSize(n);
      const leaf = leafHashes[i] as Buffer;
      const p = v.proof;
      const probes: [string, number, number, Buffer, Buffer, Buffer[]][] = [
        ['index - 1', i - 1, n, root, leaf, p],
        ['index + 1', i + 1, n, root, leaf, p],
        ['index ^ 2', i ^ 2, n, root, leaf, p],
        ['size * 2', i, n * 2, root, leaf, p],
        ['size / 2', i, Math.floor(n / 2), root, leaf, p],
        ['wrong leaf', i, n, root, Buffer.from('WrongLeaf'), p],
        ['empty root', i, n, emptyTreeHash, leaf, p],
        ['random root', i, n, someHash, leaf, p],
        ['trailing garbage', i, n, root, leaf, [...p, Buffer.alloc(0)]],
        ['trailing root', i, n, root, leaf, [...p, root]],
        ['preceding garbage', i, n, root, leaf, [Buffer.alloc(0), ...p]],
        ['preceding root', i, n, root, leaf, [root, ...p]],
        ['removed component', i, n, root, leaf, p.slice(0, -1)],
      ];
      if (p.length > 1)
        probes.push(['inserted component', i, n, root, leaf, [p[0] as Buffer, someHash, ...p.slice(1)]]);
      for (let k = 0; k < p.length; k++)
        probes.push([`proof[${k}] bit 3`, i, n, root, leaf, flipBit(p, k, 8)]);
      for (const [what, index, size, r, l, proof] of probes) {
        assert.equal(verifyInclusion(index, size, l, proof, r), false, `${v.leaf}/${v.size}: ${what}`);
      }
    }
  });

  test('single-entry tree and degenerate inclusion probes (TestVerifyInclusion*)', () => {
    const hash = hashLeaf(Buffer.from('data'));
    assert.ok(verifyInclusion(0, 1, hash, [], hash));
    assert.equal(verifyInclusion(0, 1, Buffer.alloc(0), [], hash), false);
    assert.equal(verifyInclusion(0, 1, hash, [], Buffer.alloc(0)), false);
    for (const [index, size] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [2, 1],
    ] as const) {
      assert.equal(verifyInclusion(index, size, someHash, [], Buffer.alloc(0)), false);
      assert.equal(verifyInclusion(index, size, Buffer.alloc(0), [], emptyTreeHash), false);
      assert.equal(verifyInclusion(index, size, someHash, [], emptyTreeHash), false);
    }
  });

  test('published consistency proofs verify, and the prover emits exactly them', () => {
    const tree = new MemoryMerkleTree();
    for (const leaf of leaves) tree.append(leaf);
    for (const v of consistencyVectors) {
      assert.ok(verifyConsistency(v.size1, v.size2, rootOfSize(v.size1), rootOfSize(v.size2), v.proof));
      assert.deepEqual(tree.consistencyProof(v.size1, v.size2), v.proof, `${v.size1}->${v.size2}`);
      const fromLeaves = nodeSourceFromLeaves((i) => leafHashes[i] as Buffer);
      assert.deepEqual(consistencyProof(v.size1, v.size2, fromLeaves), v.proof);
    }
  });

  test('corrupted consistency proofs are refused (corruptConsistencyProof probes)', () => {
    for (const v of consistencyVectors.filter((c) => c.proof.length > 0)) {
      const { size1: m, size2: n, proof: p } = v;
      const r1 = rootOfSize(m);
      const r2 = rootOfSize(n);
      const wrong = Buffer.from('WrongRoot');
      const probes: [string, number, number, Buffer, Buffer, Buffer[]][] = [
        ['size1 - 1', m - 1, n, r1, r2, p],
        ['size1 + 1', m + 1, n, r1, r2, p],
        ['size1 ^ 2', m ^ 2, n, r1, r2, p],
        ['size2 * 2', m, n * 2, r1, r2, p],
        ['size2 / 2', m, Math.floor(n / 2), r1, r2, p],
        ['wrong root1', m, n, wrong, r2, p],
        ['wrong root2', m, n, r1, wrong, p],
        ['swapped roots', m, n, r2, r1, p],
        ['empty proof', m, n, r1, r2, []],
        ['trailing garbage', m, n, r1, r2, [...p, Buffer.alloc(0)]],
        ['trailing root1', m, n, r1, r2, [...p, r1]],
        ['trailing root2', m, n, r1, r2, [...p, r2]],
        ['preceding garbage', m, n, r1, r2, [Buffer.alloc(0), ...p]],
        ['preceding root1', m, n, r1, r2, [r1, ...p]],
        ['preceding root2', m, n, r1, r2, [r2, ...p]],
        ['preceding proof[0]', m, n, r1, r2, [p[0] as Buffer, ...p]],
        ['truncated proof', m, n, r1, r2, p.slice(0, -1)],
      ];
      for (let k = 0; k < p.length; k++) probes.push([`proof[${k}] bit 4`, m, n, r1, r2, flipBit(p, k, 16)]);
      for (const [what, s1, s2, a, b, proof] of probes) {
        assert.equal(verifyConsistency(s1, s2, a, b, proof), false, `${m}->${n}: ${what}`);
      }
    }
  });

  test('consistency edge cases (TestVerifyConsistency table)', () => {
    const root1 = Buffer.alloc(32, 1);
    const root2 = Buffer.alloc(32, 2);
    const cases: [number, number, Buffer, Buffer, Buffer[], boolean][] = [
      [0, 0, root1, root2, [], false],
      [1, 1, root1, root2, [], false],
      [0, 0, root1, root1, [], true],
      [0, 1, root1, root2, [], true],
      [1, 1, root2, root2, [], true],
      [1, 0, root1, root2, [], false],
      [2, 1, root1, root2, [], false],
      [1, 2, root1, root2, [], false],
      [0, 0, emptyTreeHash, root2, [], false],
      [1, 1, emptyTreeHash, root2, [], false],
      [0, 0, emptyTreeHash, emptyTreeHash, [emptyTreeHash], false],
      [0, 1, emptyTreeHash, emptyTreeHash, [emptyTreeHash], false],
      [1, 1, emptyTreeHash, emptyTreeHash, [emptyTreeHash], false],
    ];
    for (const [m, n, a, b, proof, ok] of cases) {
      assert.equal(verifyConsistency(m, n, a, b, proof), ok, `${m}->${n} expected ${ok}`);
    }
  });
});

describe('real Certificate Transparency data (golang/mod sumdb/tlog/testdata/argon2020)', () => {
  // sth.json
  const treeSize = 961984013;
  const root = b64('dwlueapdd7LaOEnX2W2Wp9v2XE+KzejHRQGHwEx0oaM=');
  // entries.json, leaf 10000 (extra_data removed by the Go authors; leaf_input is the MerkleTreeLeaf).
  const leafInput = b64(
    'AAAAAAFelPhqUwAAAAViMIIFXjCCBEagAwIBAgIRAOodHzZdqWIFzYyl/SovhCMwDQYJKoZIhvcNAQELBQAwgZAxCzAJBgNVBAYTAkdCMRswGQYDVQQIExJHcmVhdGVyIE1hbmNoZXN0ZXIxEDAOBgNVBAcTB1NhbGZvcmQxGjAYBgNVBAoTEUNPTU9ETyBDQSBMaW1pdGVkMTYwNAYDVQQDEy1DT01PRE8gUlNBIERvbWFpbiBWYWxpZGF0aW9uIFNlY3VyZSBTZXJ2ZXIgQ0EwHhcNMTcwMjE1MDAwMDAwWhcNMjAwNDE2MjM1OTU5WjBfMSEwHwYDVQQLExhEb21haW4gQ29udHJvbCBWYWxpZGF0ZWQxHTAbBgNVBAsTFFBvc2l0aXZlU1NMIFdpbGRjYXJkMRswGQYDVQQDDBIqLmxhbmRsb3Jkcy5jb20uYXUwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQCtPBKKHj4zdrGlCjgTHzb5gx9JCs97DwvBz60f14gDufF2haWbOxyJ0a3opAMsZnOr8HkARVCwxdqG/PTfACcb0QM7FOlzvxGqxataTYiChwvkkif8F9GlJw69HuHgzhusPf1Ytfk3ps1PRC14MkyrS4kwPrk/Le4XdkqRpRw62wG4V6IkbzsNMEOl1H8EgUbfyapdOcVxHjIzvBVy56fBRKG05Fr5wNq3Acak5kYZdNsLhhmlrqAfAjiombW3hb3V5blJdRC0BDdYHv2+zKey6LqJ1FDoXo6IzbzPpC+aifZy47YX+/N1U64Qn5xlDg7mOP8JXfkNJHbU1TJZHif5AgMBAAGjggHhMIIB3TAfBgNVHSMEGDAWgBSQr2o6lFoL2JDqElZz30O0Oija5zAdBgNVHQ4EFgQUNQSLjkoz01I+iuuoC5lgEp0anhcwDgYDVR0PAQH/BAQDAgWgMAwGA1UdEwEB/wQCMAAwHQYDVR0lBBYwFAYIKwYBBQUHAwEGCCsGAQUFBwMCME8GA1UdIARIMEYwOgYLKwYBBAGyMQECAgcwKzApBggrBgEFBQcCARYdaHR0cHM6Ly9zZWN1cmUuY29tb2RvLmNvbS9DUFMwCAYGZ4EMAQIBMFQGA1UdHwRNMEswSaBHoEWGQ2h0dHA6Ly9jcmwuY29tb2RvY2EuY29tL0NPTU9ET1JTQURvbWFpblZhbGlkYXRpb25TZWN1cmVTZXJ2ZXJDQS5jcmwwgYUGCCsGAQUFBwEBBHkwdzBPBggrBgEFBQcwAoZDaHR0cDovL2NydC5jb21vZG9jYS5jb20vQ09NT0RPUlNBRG9tYWluVmFsaWRhdGlvblNlY3VyZVNlcnZlckNBLmNydDAkBggrBgEFBQcwAYYYaHR0cDovL29jc3AuY29tb2RvY2EuY29tMC8GA1UdEQQoMCaCEioubGFuZGxvcmRzLmNvbS5hdYIQbGFuZGxvcmRzLmNvbS5hdTANBgkqhkiG9w0BAQsFAAOCAQEACyHqxUzrexToY7tOv4+kyGPP2D27P1tQpyzeAl1bPObiMhNK2b9vvBLDWAaqm8c0YL1h+DBdLoWzf3xFsIkTCVCjWJTNSNlcYtgRk6or1s7jWsfXzWqsnPjPPmTIOCw7EfH7Yme3oxPs3UUsmShAgPwNohAtL9GqlqMiKM6v1WU3NHt01jEoNP23LRa6KeNK6AH6WHJykzL223IlhgXjHTeuQj6lR+TNrQXJuhwTXYe+20rrpPQxc1Pn7AqnvfWgmicRQ7gdIcr4V6+ecTvLfNOaJ0ZYe5G5giuAAdTm7F57pk04f4gyZNYKrj88mvbkoriN8b6jcWExtrYO6bm2TwAA',
  );
  // proof.json audit_path for leaf_index 10000.
  const auditPath = [
    'T46AmJsuOM/gFiGlUp+IJJebp+1Z5qratFNW7U0JyOQ=',
    '9Jj1Feodn42uRYEfffkV4HF/EIPFQ5Zo9IwkxbQ2uhk=',
    'D53/1oCNebF4J59HHgioovKZxrmrKcVuCVhy3Izg8Ck=',
    'wSFDgGSrsXRPA+1c8WHoAFCsWeUv8NDyP/Q/SgsyVyY=',
    '516/RcwsgdwdzHn18v1dJHqBkgFUbNhmCIWOGjsMJaE=',
    'naTFY2ajLFgrgs5XUl+zJYZnnlJksLGsA1VYwpLfqbY=',
    'mKBRJo6qao+0Kdh/rhGkZUbHUAxMhrtrclrTpIbNjIg=',
    'Co4ueOFE7lpifLio94irxxsv1wFMMaK3tPu2ZQkHlro=',
    'yRgy800K6JMYCC05sWfqF2kvCg2riT/pVM+nEa6V5+0=',
    'n2O38XJZC8/Wpbwi9HhgVizlUyeUHVZvYyQB1607MRc=',
    'go3tAjuNfNSCj87y2Rg1xOroDknGN1eaf3cgvzObf7Q=',
    '8D0Mj3/J7ySSnFb0afIHYXv6rlOhECnsebY6XKi1IR8=',
    '6rcez46ZU8M5vPiWVMAUfJfAOV0pPP/mch/lYzZhj/M=',
    '2rtIeXrPvSdUyHc5maIgSAVB2BzaKaupWxSAiVayDE4=',
    'nniW/IMFQPN5xw8UsHFn7CRStYbm1gLu7NNa6kkRqJQ=',
    'mRPPi7sQS22MduIEyvcNzCNFqIt6kLwYPkNKrVtIcu8=',
    'JvTivzESNS9wHI8aph5a7uieVmtS/p9PciMZ5D6GyOo=',
    'UTyQd+Ym0wY4zG+qK806bBORwi1CSVvFQ/KknnqoZj8=',
    'hXODrqN+ff+U6zPqRQ+ZQKs6im1fPcxIerDSfNwflhE=',
    'II6GE+WY/DrpZzfHztLwkR46o37zVkNLCyPYlf68zA0=',
    'd609kWWcNBllbA8Jb/ad4XAVVGnScLRmtP8FYyr+Dck=',
    'rikBsP0G0gioXRpBFED2CzQdSLrGPvRd0bEcbEZw1rI=',
    'GXIElfmnRuWfbA4z7ubV/UwlpSRUbUeec7oL5HDDnh0=',
    'pR0SH/NYP6s9+8azWwaeUXA4Ze/3WCIgMfh5YW6wvcE=',
    'f3GuAKYVrF8RBg3s15jvA/YvV9oAliWtzP/imwPhQVA=',
    'WHn8zDxlVgkV+lSlmzaOdfSBrTHoRr5nT3d76q0KKWE=',
    'f2uV2ZxVgULzLPKuZcowRY3ZY7fRlX59iDBjV1R8kNQ=',
    'NzQVjJsvQwbi7WStMr9oFkh9VbHfK7LB6o7WwAqwNTs=',
    'C0LttBeYHZHgL+032JIcJC3CTBIyza/hsbmJUgJfmDI=',
    'nixU5CWTFVDlF4BGdcU6kA7WSYurEpe9jRWc+F/7sOc=',
  ].map(b64);
  // consistency.json, from the tree of size 3654490 whose root ct_test.go gives.
  const oldSize = 3654490;
  const oldRoot = b64('AuIZ5V6sDUj1vn3Y1K85oOaQ7y+FJJKtyRTl1edIKBQ=');
  const consistency = [
    '80Sfbj6UQEdVSZCSIgh9NMPj3vCBzcc1A48B2crJSWg=',
    'FZcrgAHUk6nNPviJZq8kEK6jCG1d18pJOFE45ZDc1TQ=',
    'Q67reWXmPBo1UfmwBap4Xi9PMPfFdUSSw3WGlRZdG7k=',
    'eJ7CyhR4PxzBxDIsWgrVYW1eFUb9ndgf46tFmiqVrxA=',
    'QrDwp062Grm5WY8KdrhFsBuuNjGzRox2Jb8PmVL5OYw=',
    'XM4YMjMEdLH/XJam/ZWyaP14k3cmsOtnPsOWQ54lW1s=',
    'SGiBh+jOTGccXU48ZzgQ88lRcBmtB4wz4oSDndv2QTg=',
    'WAS6txqNLYKGL1GdBdpqmV42TTfn6cJsuDsqLXuTCNI=',
    'QFmRS0rirUA7ZN3lxFjDncV+E1OCrn3NUB4RCp+5fzc=',
    'Hdbp7It2XBNZmNDBpCN/KPd7vfVqxgzwOosqVIaEA9E=',
    'mxvHL0ZiblBdD7j7pIa1jlfB0gSqfJ6oX0UGo7L0VsU=',
    'q5hjyvoW6TL/PThgcitpDcSTrnKX2p1+aqscqH2euRA=',
    'jTOWDqt3IHj2NVFeezyBz2ofpru+ztEywqKUAfFclKI=',
    'GIRn0w3HqJdvU9j1WVD//eR6lk2AaTVjyzjsJNP8U88=',
    'x52GJvxG81fnQBrgOTbll1A5tz95/LXK0Ag1NhB0r1I=',
    '6/0OqrcTgc3o5dD5PymmoC96lB9yLPFuTHVvLy8fSGk=',
    'Gf+iKLfcXO5l4JEFmsZvSdG5q1uEeWPfYLrds6pmjz0=',
    'DGuaco+McyM3AfRSF6qX7RwSetwe2ieYJmxw5e9rVx0=',
    '2tQJ9V32hnYp+fdpP6TcjmgJmLeNVOMKM0Ml1kk4cNU=',
    '3PapK+IkyJr8I9yAErAmzuZezzLMzsg+PfeRCgNW8NQ=',
    's6xiYeejb+wtqHA+URJZ2I/SCPyIW8coP6aB00FJbMY=',
    'z9lSpmdTcr5M5ZzKlc4EPh3SrSypKFdk6JUF/UccaZU=',
    'GXIElfmnRuWfbA4z7ubV/UwlpSRUbUeec7oL5HDDnh0=',
    'pR0SH/NYP6s9+8azWwaeUXA4Ze/3WCIgMfh5YW6wvcE=',
    'f3GuAKYVrF8RBg3s15jvA/YvV9oAliWtzP/imwPhQVA=',
    'WHn8zDxlVgkV+lSlmzaOdfSBrTHoRr5nT3d76q0KKWE=',
    'f2uV2ZxVgULzLPKuZcowRY3ZY7fRlX59iDBjV1R8kNQ=',
    'NzQVjJsvQwbi7WStMr9oFkh9VbHfK7LB6o7WwAqwNTs=',
    'C0LttBeYHZHgL+032JIcJC3CTBIyza/hsbmJUgJfmDI=',
    'nixU5CWTFVDlF4BGdcU6kA7WSYurEpe9jRWc+F/7sOc=',
  ].map(b64);

  test('the log-served inclusion proof for leaf 10000 verifies against the signed tree head', () => {
    const leafHash = hashLeaf(leafInput);
    assert.ok(verifyInclusion(10000, treeSize, leafHash, auditPath, root));
    assert.equal(verifyInclusion(10001, treeSize, leafHash, auditPath, root), false);
    assert.equal(verifyInclusion(10000, treeSize, leafHash, flipBit(auditPath, 29, 1), root), false);
  });

  test('the log-served consistency proof 3654490 -> 961984013 verifies', () => {
    assert.ok(verifyConsistency(oldSize, treeSize, oldRoot, root, consistency));
    assert.equal(verifyConsistency(oldSize + 1, treeSize, oldRoot, root, consistency), false);
    assert.equal(verifyConsistency(oldSize, treeSize, oldRoot, root, flipBit(consistency, 0, 1)), false);
  });

  test('our proof plans for the real tree have the shape the log served', () => {
    assert.equal(planInclusionProof(10000, treeSize).length, auditPath.length);
    assert.equal(planConsistencyProof(oldSize, treeSize).length, consistency.length);
    // The last 8 elements of both proofs are the same left-hand subtrees of the 961M tree.
    assert.deepEqual(auditPath.slice(-8), consistency.slice(-8));
    assert.deepEqual(
      planInclusionProof(10000, treeSize).slice(-8),
      planConsistencyProof(oldSize, treeSize).slice(-8),
    );
  });
});

test('leaf hash of "hello world" equals the hash in golang/mod tlog FormatTree golden text', () => {
  assert.equal(
    hashLeaf(Buffer.from('hello world')).toString('base64'),
    'TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=',
  );
});
