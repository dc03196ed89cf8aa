import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUNDLE_FORMAT, canonicalEntry, type LogBundle, type LogEntry } from '@madoguchi/exchange';
import { generateNoteKey, hashLeaf, MemoryMerkleTree, signCheckpoint } from '@madoguchi/merkle-log';
import { logVerify } from './log-verify.ts';

/** A real log of 37 entries, one person's three of them bundled with proofs against a signed checkpoint. */
function makeBundle(): { bundle: LogBundle; vkey: string; otherVkey: string } {
  const key = generateNoteKey('madoguchi.test/exchange-log');
  const other = generateNoteKey('madoguchi.test/exchange-log');
  const tree = new MemoryMerkleTree();
  const texts: string[] = [];
  for (let i = 0; i < 37; i++) {
    const e: LogEntry = {
      v: 1,
      id: randomUUID(),
      at: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(),
      querier: i % 2 ? 'jps' : '131016',
      provider: i % 2 ? '131016' : 'jps',
      task: i % 2 ? 'kokunen-menjo' : 'jidou-teate',
      infoTypes: [i % 2 ? 'chihouzei' : 'nenkin-kanyu'],
      person: i % 5 === 0 ? 'hanako-fugo-0000000000' : `someone-${i}`,
      outcome: 'permitted',
      reason: null,
      tableVersion: 'f'.repeat(64),
    };
    const text = canonicalEntry(e);
    texts.push(text);
    tree.append(Buffer.from(text, 'utf8'));
  }
  const size = tree.size;
  const checkpoint = signCheckpoint({ origin: key.name, size, rootHash: tree.root() }, key);
  const mine = [0, 5, 35];
  const bundle: LogBundle = {
    format: BUNDLE_FORMAT,
    verifierKey: key.vkey,
    checkpoint,
    entries: mine.map((index) => ({
      index,
      entry: texts[index] as string,
      inclusionProof: tree.inclusionProof(index, size).map((h) => h.toString('base64')),
    })),
  };
  assert.ok(hashLeaf(Buffer.from(texts[0] as string)).equals(Buffer.from(tree.leafHash(0))));
  return { bundle, vkey: key.vkey, otherVkey: other.vkey };
}

function write(bundle: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'madoguchi-bundle-')), 'bundle.json');
  writeFileSync(file, JSON.stringify(bundle));
  return file;
}

test('log verify accepts a genuine bundle with the trusted key, and says so per entry', async () => {
  const { bundle, vkey } = makeBundle();
  const out: string[] = [];
  assert.equal(await logVerify(write(bundle), vkey, (m) => out.push(m)), 0);
  assert.match(out.join('\n'), /tree size 37/);
  assert.equal(out.filter((l) => l.startsWith('ok')).length, 3);
  assert.match(out.at(-1) ?? '', /all 3 entries verified/);
});

test('log verify refuses an entry changed by one character, naming it', async () => {
  const { bundle, vkey } = makeBundle();
  const e = bundle.entries[1] as LogBundle['entries'][number];
  e.entry = e.entry.replace('"kokunen-menjo"', '"kokunen-menjq"');
  const out: string[] = [];
  assert.equal(await logVerify(write(bundle), vkey, (m) => out.push(m)), 1);
  assert.match(out.join('\n'), /FAIL #5 .*proof_mismatch/);
});

test('log verify refuses a checkpoint signed by another key than the trusted one', async () => {
  const { bundle, otherVkey } = makeBundle();
  const out: string[] = [];
  assert.equal(await logVerify(write(bundle), otherVkey, (m) => out.push(m)), 1);
  assert.match(out.join('\n'), /checkpoint: NOT VERIFIED/);
});

test('log verify refuses a proof moved to another index', async () => {
  const { bundle, vkey } = makeBundle();
  (bundle.entries[0] as LogBundle['entries'][number]).index = 1;
  assert.equal(await logVerify(write(bundle), vkey, () => {}), 1);
});
