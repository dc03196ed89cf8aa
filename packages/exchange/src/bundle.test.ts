import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateNoteKey, MemoryMerkleTree, signCheckpoint } from '@madoguchi/merkle-log';
import { BUNDLE_FORMAT, type LogBundle, verifyBundle } from './bundle.ts';
import { canonicalEntry, type LogEntry } from './log-entry.ts';

const key = generateNoteKey('test.madoguchi.localhost/exchange-log');
const otherKey = generateNoteKey('test.madoguchi.localhost/exchange-log');

const entryAt = (i: number, person: string): string =>
  canonicalEntry({
    v: 1,
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    at: new Date(Date.UTC(2025, 3, 1, 0, i)).toISOString(),
    querier: 'jps',
    provider: '131016',
    task: 'kokunen-menjo',
    infoTypes: ['chihouzei'],
    person,
    outcome: i % 3 === 0 ? 'refused' : 'permitted',
    reason: i % 3 === 0 ? 'no_row' : null,
    tableVersion: 'a'.repeat(64),
  } satisfies LogEntry);

/** Eleven entries, every third about our person; the bundle holds that person's entries and proofs. */
function makeBundle(): LogBundle {
  const tree = new MemoryMerkleTree();
  const texts = Array.from({ length: 11 }, (_, i) =>
    entryAt(i, i % 3 === 1 ? 'me'.padEnd(22, 'x') : 'them'.padEnd(22, 'y')),
  );
  for (const t of texts) tree.append(Buffer.from(t, 'utf8'));
  const checkpoint = signCheckpoint({ origin: key.name, size: tree.size, rootHash: tree.root() }, key);
  const mine = texts.flatMap((t, i) => (i % 3 === 1 ? [{ index: i, t }] : []));
  return {
    format: BUNDLE_FORMAT,
    verifierKey: key.vkey,
    checkpoint,
    entries: mine.map(({ index, t }) => ({
      index,
      entry: t,
      inclusionProof: tree.inclusionProof(index).map((h) => h.toString('base64')),
    })),
  };
}

describe('log bundles', () => {
  it('verifies every entry against the signed checkpoint with the trusted key', () => {
    const b = makeBundle();
    const v = verifyBundle(b, key.vkey);
    assert.equal(v.ok, true);
    assert.equal(v.checkpointOk, true);
    assert.equal(v.treeSize, 11);
    assert.deepEqual(
      v.entries.map((e) => e.index),
      [1, 4, 7, 10],
    );
    assert.ok(v.entries.every((e) => e.ok && e.entry?.person.startsWith('me')));
  });

  it('finds a tampered entry, naming it, while the others still verify', () => {
    const b = makeBundle();
    const e = b.entries[1] as { entry: string };
    e.entry = e.entry.replace('"permitted"', '"refused"');
    const v = verifyBundle(b, key.vkey);
    assert.equal(v.ok, false);
    assert.deepEqual(
      v.entries.map((x) => x.ok),
      [true, false, true, true],
    );
    assert.equal(v.entries[1]?.problem, 'proof_mismatch');
  });

  it('finds a non-canonical entry, a wrong proof and an index beyond the checkpoint', () => {
    const b = makeBundle();
    const [a, c, d] = b.entries as [
      LogBundle['entries'][0],
      LogBundle['entries'][0],
      LogBundle['entries'][0],
    ];
    a.entry = JSON.stringify(JSON.parse(a.entry), null, 1);
    c.inclusionProof = [...c.inclusionProof].reverse();
    d.index = 11;
    const v = verifyBundle(b, key.vkey);
    assert.deepEqual(
      v.entries.map((x) => x.problem),
      ['not_canonical', 'proof_mismatch', 'beyond_checkpoint', undefined],
    );
  });

  it('refuses a checkpoint signed by another key, even when the bundle carries that key', () => {
    const b = makeBundle();
    const forged = {
      ...b,
      checkpoint: signCheckpoint({ origin: key.name, size: 11, rootHash: Buffer.alloc(32) }, otherKey),
      verifierKey: otherKey.vkey,
    };
    // Self-consistent with its own key…
    assert.equal(verifyBundle(forged).checkpointOk, true);
    // …but not with the key the person trusts.
    const v = verifyBundle(forged, key.vkey);
    assert.equal(v.ok, false);
    assert.equal(v.checkpointOk, false);
    assert.match(v.checkpointProblem ?? '', /^note\./);
  });

  it('refuses something that is not a bundle', () => {
    assert.equal(verifyBundle({ format: 'other' } as unknown as LogBundle).ok, false);
    assert.equal(verifyBundle(null as unknown as LogBundle).ok, false);
  });
});
