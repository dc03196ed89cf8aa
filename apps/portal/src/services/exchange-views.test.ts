import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { canonicalEntry, type LogEntry } from '@madoguchi/exchange';
import {
  formatVkey,
  MemoryMerkleTree,
  noteKeyHash,
  rawPublicKey,
  signCheckpoint,
} from '@madoguchi/merkle-log';
import { checkProof } from './history.ts';
import type { MyData } from './mydata.ts';
import { csvField, myDataCsv, myDataJson, neutralizeFormula } from './mydata-export.ts';
import { categoryViews, shownRecords } from './mydata-view.ts';

const data: MyData = {
  fetchedAt: new Date('2026-05-01T00:00:00Z'),
  nickname: null,
  providers: [
    {
      code: '131016',
      name: '千代田区',
      infoTypes: ['juminhyo', 'chihouzei'],
      status: 'ok',
      records: [
        {
          id: 'r1',
          infoType: 'chihouzei',
          title: '令和7年度 個人住民税',
          asOf: '2025-06-01',
          fields: [
            { key: 'taxable_income', label: '課税所得', value: 3_200_000 },
            { key: 'note', label: '備考', value: '=HYPERLINK("http://evil")' },
            { key: 'memo', label: 'メモ, "引用"', value: '1行目\n2行目' },
            { key: 'refund', label: '還付', value: -500 },
          ],
        },
      ],
    },
    { code: 'jps', name: '日本年金機構', infoTypes: ['nenkin-kanyu'], status: 'unavailable', records: [] },
    { code: 'kyokai-kenpo', name: '全国健康保険協会', infoTypes: ['iryouhi'], status: 'none', records: [] },
  ],
};

describe('わたしの情報 views and downloads', () => {
  it('quotes CSV per RFC 4180 and neutralizes formulas, leaving real numbers alone', () => {
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('line\r\nbreak'), '"line\r\nbreak"');
    for (const c of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])
      assert.equal(neutralizeFormula(c)[0], "'");
    assert.equal(neutralizeFormula('-500', true), '-500');
    assert.equal(neutralizeFormula('千代田区'), '千代田区');
  });

  it('writes a UTF-8 BOM, the columns, one row per field, CRLF line ends', () => {
    const csv = myDataCsv(data, {}, 'ja');
    assert.ok(csv.startsWith('\uFEFFagency,category,title,as_of,key,label,value\r\n'));
    const lines = csv.slice(1).split('\r\n');
    assert.equal(
      lines[1],
      '千代田区,地方税関係情報,令和7年度 個人住民税,2025-06-01,taxable_income,課税所得,3200000',
    );
    assert.equal(
      lines[2],
      `千代田区,地方税関係情報,令和7年度 個人住民税,2025-06-01,note,備考,"'=HYPERLINK(""http://evil"")"`,
    );
    assert.ok(csv.includes('"メモ, ""引用"""'));
    assert.ok(csv.includes(',"1行目\n2行目"'));
    assert.ok(csv.includes(',refund,還付,-500\r\n'));
  });

  it('searches titles, labels and values (NFKC, case-insensitive) and filters by category and agency', () => {
    assert.equal(shownRecords(data, { q: '課税所得' }, 'ja').length, 1);
    assert.equal(shownRecords(data, { q: 'ＨＹＰＥＲＬＩＮＫ' }, 'ja').length, 1, 'full-width folds');
    assert.equal(shownRecords(data, { q: '見つからない' }, 'ja').length, 0);
    assert.equal(shownRecords(data, { category: 'juminhyo' }, 'ja').length, 0);
    assert.equal(shownRecords(data, { agency: 'jps' }, 'ja').length, 0);
    const views = categoryViews(data, {}, 'ja');
    const tax = views.find((v) => v.code === 'chihouzei');
    assert.deepEqual(tax?.agencies, [{ code: '131016', name: '千代田区', status: 'ok', count: 1 }]);
    const juminhyo = views.find((v) => v.code === 'juminhyo');
    assert.equal(juminhyo?.agencies[0]?.status, 'none');
    assert.equal(views.find((v) => v.code === 'nenkin-kanyu')?.agencies[0]?.status, 'unavailable');
  });

  it('exports JSON with codes and names', () => {
    const j = myDataJson(data, {}, 'en');
    assert.equal(j.format, 'madoguchi-mydata/v1');
    assert.equal(j.records[0]?.category, 'Local tax');
    assert.deepEqual(
      j.agencies.map((a) => [a.code, a.status]),
      [
        ['131016', 'ok'],
        ['jps', 'unavailable'],
        ['kyokai-kenpo', 'none'],
      ],
    );
  });
});

function testLog() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const name = 'test.example/log';
  const signer = { name, keyHash: noteKeyHash(name, rawPublicKey(publicKey)), publicKey, privateKey };
  const tree = new MemoryMerkleTree();
  const entries: LogEntry[] = [];
  for (let i = 0; i < 5; i++) {
    const e: LogEntry = {
      v: 1,
      id: randomUUID(),
      at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      querier: 'portal',
      provider: '131016',
      task: 'honnin-kaiji',
      infoTypes: ['juminhyo'],
      person: i === 3 ? 'B'.repeat(22) : 'A'.repeat(22),
      outcome: 'permitted',
      reason: null,
      tableVersion: '0'.repeat(64),
    };
    entries.push(e);
    tree.append(Buffer.from(canonicalEntry(e)));
  }
  const checkpoint = signCheckpoint({ origin: name, size: tree.size, rootHash: tree.root() }, signer);
  const proofOf = (i: number) => ({
    index: i,
    entry: canonicalEntry(entries[i] as LogEntry),
    inclusionProof: tree.inclusionProof(i).map((h) => h.toString('base64')),
    checkpoint,
  });
  return { vkey: formatVkey(name, publicKey), entries, proofOf };
}

describe('検証 of an exchange-log entry', () => {
  it('accepts a real inclusion proof against the signed checkpoint', () => {
    const log = testLog();
    const r = checkProof(log.proofOf(2), log.vkey, {
      entryId: log.entries[2]?.id as string,
      person: 'A'.repeat(22),
    });
    assert.equal(r.ok, true);
    if (r.ok) assert.equal(r.treeSize, 5);
  });

  it('refuses a checkpoint signed by another key, a changed entry, and another person’s entry', () => {
    const log = testLog();
    const other = testLog();
    const expect = { entryId: log.entries[2]?.id as string, person: 'A'.repeat(22) };
    const wrongKey = checkProof(log.proofOf(2), other.vkey, expect);
    assert.deepEqual(wrongKey, { ok: false, problem: 'checkpoint_signature' });
    const changed = log.proofOf(2);
    changed.entry = changed.entry.replace('"juminhyo"', '"chihouzei"');
    assert.equal((checkProof(changed, log.vkey, expect) as { problem: string }).problem, 'proof_mismatch');
    const notMine = checkProof(log.proofOf(3), log.vkey, {
      entryId: log.entries[3]?.id as string,
      person: 'A'.repeat(22),
    });
    assert.equal((notMine as { problem: string }).problem, 'wrong_entry');
  });
});
