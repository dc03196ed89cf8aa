import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadBessyo2, parseBessyo2 } from './load-bessyo2.ts';
import { jstDay, type PermitQuery, permits } from './permits.ts';

const table = loadBessyo2();
const now = new Date('2026-11-23T03:00:00Z');

function query(q: Omit<PermitQuery, 'at'>, at = now): PermitQuery {
  return { ...q, at };
}

describe('the issue’s examples are permitted today', () => {
  const examples: [string, Omit<PermitQuery, 'at'>][] = [
    [
      '国民年金保険料の免除: 日本年金機構 ← 市町村 地方税関係情報',
      {
        querierKind: 'national:nenkin',
        taskCode: 'kokunen-menjo',
        providerKind: 'municipality',
        infoType: 'chihouzei',
      },
    ],
    [
      '傷病手当金: 協会けんぽ ← 健保組合 傷病手当金関係情報',
      {
        querierKind: 'insurer:kyokai-kenpo',
        taskCode: 'kenpo-kyufu',
        providerKind: 'insurer:kenpo-kumiai',
        infoType: 'shoubyou-teate',
      },
    ],
    [
      '傷病手当金: 協会けんぽ ← 日本年金機構 年金給付関係情報',
      {
        querierKind: 'insurer:kyokai-kenpo',
        taskCode: 'kenpo-kyufu',
        providerKind: 'national:nenkin',
        infoType: 'nenkin-kyufu',
      },
    ],
    [
      '児童扶養手当: 都道府県 ← 市町村 住民票関係情報',
      {
        querierKind: 'prefecture',
        taskCode: 'jidou-fuyou-teate',
        providerKind: 'municipality',
        infoType: 'juminhyo',
      },
    ],
    [
      '児童扶養手当: 市 ← 市町村 住民票関係情報',
      {
        querierKind: 'municipality',
        taskCode: 'jidou-fuyou-teate',
        providerKind: 'municipality',
        infoType: 'juminhyo',
      },
    ],
    [
      '児童扶養手当: 都道府県 ← 日本年金機構 年金給付関係情報',
      {
        querierKind: 'prefecture',
        taskCode: 'jidou-fuyou-teate',
        providerKind: 'national:nenkin',
        infoType: 'nenkin-kyufu',
      },
    ],
    [
      '児童扶養手当: 市 ← 日本年金機構 年金給付関係情報',
      {
        querierKind: 'municipality',
        taskCode: 'jidou-fuyou-teate',
        providerKind: 'national:nenkin',
        infoType: 'nenkin-kyufu',
      },
    ],
    [
      '児童手当: 市町村 ← 市町村 地方税関係情報',
      {
        querierKind: 'municipality',
        taskCode: 'jidou-teate',
        providerKind: 'municipality',
        infoType: 'chihouzei',
      },
    ],
    [
      '児童手当: 市町村 ← 市町村 住民票関係情報',
      {
        querierKind: 'municipality',
        taskCode: 'jidou-teate',
        providerKind: 'municipality',
        infoType: 'juminhyo',
      },
    ],
    [
      '保育: 市町村 ← 市町村 地方税関係情報',
      {
        querierKind: 'municipality',
        taskCode: 'kodomo-kyouiku-hoiku',
        providerKind: 'municipality',
        infoType: 'chihouzei',
      },
    ],
  ];
  for (const [name, q] of examples) {
    it(name, () => {
      const d = permits(table, query(q));
      assert.ok(d.ok, `refused: ${JSON.stringify(d)}`);
      assert.equal(d.row.taskCode, q.taskCode);
      assert.equal(d.tableVersion, table.tableVersion);
    });
  }

  it('the premium exemption is permitted under version 2 (主務省令) now and version 1 (別表第二) before', () => {
    const q = {
      querierKind: 'national:nenkin',
      taskCode: 'kokunen-menjo',
      providerKind: 'municipality',
      infoType: 'chihouzei',
    } as const;
    const nowDecision = permits(table, query(q));
    assert.ok(nowDecision.ok && nowDecision.row.version === 2);
    const before = permits(table, query(q, new Date('2020-04-01T00:00:00+09:00')));
    assert.ok(before.ok && before.row.version === 1 && before.row.basis.startsWith('番号法別表第二'));
  });
});

describe('refusals', () => {
  it('the reversed direction is refused: 市町村 cannot ask 日本年金機構 for 地方税関係情報 for the exemption', () => {
    const d = permits(
      table,
      query({
        querierKind: 'municipality',
        taskCode: 'kokunen-menjo',
        providerKind: 'national:nenkin',
        infoType: 'chihouzei',
      }),
    );
    assert.deepEqual(d, { ok: false, reason: 'no_row', tableVersion: table.tableVersion });
  });

  it('the right pair under the wrong task is refused', () => {
    const d = permits(
      table,
      query({
        querierKind: 'national:nenkin',
        taskCode: 'jidou-teate',
        providerKind: 'municipality',
        infoType: 'chihouzei',
      }),
    );
    assert.equal(d.ok, false);
    assert.equal(!d.ok && d.reason, 'no_row');
  });

  it('an info type the row does not name is refused', () => {
    const d = permits(
      table,
      query({
        querierKind: 'municipality',
        taskCode: 'jidou-teate',
        providerKind: 'municipality',
        infoType: 'seikatsu-hogo',
      }),
    );
    assert.equal(!d.ok && d.reason, 'no_row');
  });
});

describe('effective dates at the boundaries (JST days, effective_to exclusive)', () => {
  const HEADER =
    'row_id\tversion\teffective_from\teffective_to\tquerier_kind\ttask_code\ttask_name\tprovider_kind\tinfo_type\tinfo_name\tbasis';
  const row = (v: number, from: string, to: string) =>
    `r\t${v}\t${from}\t${to}\tmunicipality\tt\t事務\tmunicipality\tjuminhyo\t住民票関係情報\t根拠`;
  const t = parseBessyo2([HEADER, row(1, '2020-04-01', '2021-04-01'), row(2, '2022-04-01', '')].join('\n'));
  const q = {
    querierKind: 'municipality',
    taskCode: 't',
    providerKind: 'municipality',
    infoType: 'juminhyo',
  } as const;
  const at = (iso: string) => permits(t, { ...q, at: new Date(iso) });

  it('not yet effective until 00:00 JST on effective_from', () => {
    const d = at('2020-03-31T23:59:59.999+09:00');
    assert.ok(!d.ok && d.reason === 'not_yet_effective' && d.row.effectiveFrom === '2020-04-01');
    assert.ok(at('2020-04-01T00:00:00+09:00').ok);
    // 15:00 UTC on 31 March is already 1 April in Japan.
    assert.ok(at('2020-03-31T15:00:00Z').ok);
  });

  it('in force through the day before effective_to, expired from it', () => {
    assert.ok(at('2021-03-31T23:59:59.999+09:00').ok);
    const d = at('2021-04-01T00:00:00+09:00');
    assert.ok(!d.ok && d.reason === 'expired' && d.row.version === 1);
  });

  it('a gap between versions reports expiry; the next version applies from its first day', () => {
    const gap = at('2022-03-31T12:00:00+09:00');
    assert.ok(!gap.ok && gap.reason === 'expired');
    const v2 = at('2022-04-01T00:00:00+09:00');
    assert.ok(v2.ok && v2.row.version === 2);
    assert.ok(at('2999-01-01T00:00:00+09:00').ok);
  });

  it('the real file’s future-dated version takes over on its first day', () => {
    const y = {
      querierKind: 'municipality',
      taskCode: 'yobou-sesshu',
      providerKind: 'municipality',
      infoType: 'yobou-sesshu',
    } as const;
    const last = permits(table, { ...y, at: new Date('2027-03-31T23:59:59+09:00') });
    const first = permits(table, { ...y, at: new Date('2027-04-01T00:00:00+09:00') });
    assert.ok(last.ok && last.row.version === 1);
    assert.ok(first.ok && first.row.version === 2);
  });

  it('refuses an invalid Date rather than guessing', () => {
    assert.throws(() => at('not a date'), TypeError);
    assert.equal(jstDay(new Date('2024-05-26T15:00:00Z')), '2024-05-27');
  });
});
