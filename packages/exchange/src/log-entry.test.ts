import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashLeaf } from '@madoguchi/merkle-log';
import { canonicalEntry, type LogEntry, leafHashOfEntry, parseEntry } from './log-entry.ts';

const entry: LogEntry = {
  v: 1,
  id: '00000000-0000-4000-8000-000000000001',
  at: '2025-04-01T00:00:00.000Z',
  querier: 'jps',
  provider: '131016',
  task: 'kokunen-menjo',
  infoTypes: ['chihouzei'],
  person: 'AbCdEfGhIjKlMnOpQrStUv',
  outcome: 'permitted',
  reason: null,
  tableVersion: 'a'.repeat(64),
};

describe('log entries', () => {
  it('has one canonical text whatever the key order of the object', () => {
    const text = canonicalEntry(entry);
    assert.equal(
      text,
      '{"v":1,"id":"00000000-0000-4000-8000-000000000001","at":"2025-04-01T00:00:00.000Z","querier":"jps",' +
        '"provider":"131016","task":"kokunen-menjo","infoTypes":["chihouzei"],"person":"AbCdEfGhIjKlMnOpQrStUv",' +
        `"outcome":"permitted","reason":null,"tableVersion":"${'a'.repeat(64)}"}`,
    );
    const shuffled = Object.fromEntries(Object.entries(entry).reverse()) as unknown as LogEntry;
    assert.equal(canonicalEntry(shuffled), text);
    assert.deepEqual(parseEntry(text), entry);
  });

  it('drops fields outside the format, so they cannot ride along in the leaf', () => {
    const extra = { ...entry, myNumber: '123456789018' } as LogEntry;
    assert.ok(!canonicalEntry(extra).includes('myNumber'));
  });

  it('refuses text that is not canonical: spacing, order, extra keys, other versions', () => {
    const text = canonicalEntry(entry);
    assert.throws(() => parseEntry(JSON.stringify(entry, null, 1)), TypeError);
    assert.throws(() => parseEntry(text.replace('{"v":1,', '{"v":1, ')), TypeError);
    const { id, ...rest } = entry;
    assert.throws(() => parseEntry(JSON.stringify({ id, ...rest })), TypeError); // id before v
    assert.throws(() => parseEntry(`${text.slice(0, -1)},"x":1}`), TypeError);
    assert.throws(() => parseEntry(text.replace('"v":1', '"v":2')), TypeError);
    assert.throws(() => parseEntry('null'), TypeError);
  });

  it('hashes the UTF-8 text as an RFC 6962 leaf', () => {
    const text = canonicalEntry({ ...entry, task: '本人開示' });
    assert.deepEqual(leafHashOfEntry(text), hashLeaf(Buffer.from(text, 'utf8')));
    assert.notDeepEqual(leafHashOfEntry(text), leafHashOfEntry(canonicalEntry(entry)));
  });
});
