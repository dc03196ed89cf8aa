import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { AGENCY_KINDS, INFO_TYPES } from './catalogue.ts';
import {
  Bessyo2Error,
  type Bessyo2ProblemCode,
  DEFAULT_BESSYO2_PATH,
  loadBessyo2,
  parseBessyo2,
} from './load-bessyo2.ts';

const HEADER =
  'row_id\tversion\teffective_from\teffective_to\tquerier_kind\ttask_code\ttask_name\tprovider_kind\tinfo_type\tinfo_name\tbasis';
const GOOD =
  'jidou-teate-juminhyo\t1\t2017-11-13\t\tmunicipality\tjidou-teate\t児童手当法による児童手当の支給に関する事務\tmunicipality\tjuminhyo\t住民票関係情報\t児童手当法';

/** Parses and returns the problems as [line, code] pairs, failing if the text loads. */
function problemsOf(text: string): [number, Bessyo2ProblemCode][] {
  try {
    parseBessyo2(text, 'test.tsv');
  } catch (e) {
    assert.ok(e instanceof Bessyo2Error, String(e));
    assert.match(e.message, /^test\.tsv: /);
    return e.problems.map((p) => [p.line, p.code]);
  }
  assert.fail('the table loaded but should have been refused');
}

function withField(row: string, index: number, value: string): string {
  const f = row.split('\t');
  f[index] = value;
  return f.join('\t');
}

describe('the real law table', () => {
  const table = loadBessyo2();

  it('loads with at least 30 rows and a SHA-256 of the file as its version', () => {
    assert.ok(table.rows.length >= 30, `only ${table.rows.length} rows`);
    const digest = createHash('sha256').update(readFileSync(DEFAULT_BESSYO2_PATH)).digest('hex');
    assert.equal(table.tableVersion, digest);
    assert.match(table.tableVersion, /^[0-9a-f]{64}$/);
  });

  it('uses only catalogued kinds and info types, and every row cites a basis', () => {
    for (const r of table.rows) {
      assert.ok(Object.hasOwn(AGENCY_KINDS, r.querierKind));
      assert.ok(Object.hasOwn(AGENCY_KINDS, r.providerKind));
      assert.equal(r.infoName, INFO_TYPES[r.infoType]);
      assert.ok(r.basis.length > 0);
    }
  });

  it('has an ended row and a future-dated version so versioning is exercised', () => {
    assert.ok(table.rows.some((r) => r.effectiveTo !== null && r.effectiveTo < '2024-12-31'));
    assert.ok(table.rows.some((r) => r.effectiveFrom > '2026-12-31' && r.version > 1));
  });
});

describe('malformed tables are refused with every bad line', () => {
  it('accepts the minimal good table', () => {
    const t = parseBessyo2(`# comment\n${HEADER}\n${GOOD}\n`);
    assert.equal(t.rows.length, 1);
    assert.equal(t.rows[0]?.line, 3);
    assert.equal(t.rows[0]?.effectiveTo, null);
  });

  it('tolerates CRLF line ends and a byte-order mark', () => {
    const t = parseBessyo2(`\uFEFF${HEADER}\r\n${GOOD}\r\n`);
    assert.equal(t.rows.length, 1);
  });

  it('bad dates: not ISO, impossible day, from not before to', () => {
    const text = [
      HEADER,
      withField(GOOD, 2, '2017/11/13'),
      withField(withField(GOOD, 0, 'b'), 2, '2023-02-29'),
      withField(withField(GOOD, 0, 'c'), 3, '2017-11-13'),
    ].join('\n');
    assert.deepEqual(problemsOf(text), [
      [2, 'bad_date'],
      [3, 'bad_date'],
      [4, 'bad_period'],
    ]);
  });

  it('unknown agency kind and info type, mismatched info name', () => {
    const text = [
      HEADER,
      withField(GOOD, 4, 'city'),
      withField(withField(GOOD, 0, 'b'), 7, 'national:unknown'),
      withField(withField(GOOD, 0, 'c'), 8, 'mynumber'),
      withField(withField(GOOD, 0, 'd'), 9, '地方税関係情報'),
    ].join('\n');
    assert.deepEqual(problemsOf(text), [
      [2, 'unknown_kind'],
      [3, 'unknown_kind'],
      [4, 'unknown_info_type'],
      [5, 'info_name_mismatch'],
    ]);
  });

  it('duplicates: same exchange and version, and same row id and version', () => {
    const text = [
      HEADER,
      GOOD,
      withField(GOOD, 0, 'another-id'),
      withField(withField(GOOD, 4, 'prefecture'), 0, 'jidou-teate-juminhyo'),
    ].join('\n');
    assert.deepEqual(problemsOf(text), [
      [3, 'duplicate'],
      [4, 'duplicate'],
      [4, 'row_id_key_changed'],
    ]);
  });

  it('overlapping versions of one exchange', () => {
    const v2 = withField(withField(GOOD, 1, '2'), 2, '2020-01-01');
    assert.deepEqual(problemsOf([HEADER, GOOD, v2].join('\n')), [[3, 'overlap']]);
    const closed = withField(GOOD, 3, '2020-01-01');
    assert.equal(parseBessyo2([HEADER, closed, v2].join('\n')).rows.length, 2);
  });

  it('missing, unknown or repeated columns in the header', () => {
    const noBasis = HEADER.replace('\tbasis', '');
    assert.deepEqual(problemsOf(`${noBasis}\n${GOOD}\n`), [[1, 'missing_column']]);
    assert.deepEqual(problemsOf(`# c\n${HEADER}\tcolour\n${GOOD}\tred\n`), [[2, 'unknown_column']]);
    assert.deepEqual(problemsOf(`${HEADER}\tbasis\n${GOOD}\tx\n`), [[1, 'duplicate_column']]);
    assert.equal(parseBessyo2(`${HEADER}\tnote\n${GOOD}\t備考\n`).rows.length, 1);
  });

  it('wrong field count, empty fields, malformed ids and versions', () => {
    const text = [
      HEADER,
      GOOD.split('\t').slice(0, 10).join('\t'),
      withField(GOOD, 10, ''),
      withField(GOOD, 0, 'Bad_ID'),
      withField(withField(GOOD, 0, 'e'), 1, '0'),
      withField(withField(GOOD, 0, 'f'), 5, '児童手当'),
    ].join('\n');
    assert.deepEqual(problemsOf(text), [
      [2, 'field_count'],
      [3, 'empty_field'],
      [4, 'bad_row_id'],
      [5, 'bad_version'],
      [6, 'bad_task_code'],
    ]);
  });

  it('one task code keeps one name', () => {
    const other = withField(withField(GOOD, 0, 'b'), 6, '別の名前');
    assert.deepEqual(
      problemsOf(
        [HEADER, GOOD, withField(other, 8, 'chihouzei').replace('住民票関係情報', '地方税関係情報')].join(
          '\n',
        ),
      ),
      [[3, 'task_name_mismatch']],
    );
  });

  it('no header, no rows, not UTF-8', () => {
    assert.deepEqual(problemsOf('# only a comment\n'), [[1, 'missing_header']]);
    assert.deepEqual(problemsOf(`${HEADER}\n`), [[1, 'empty_table']]);
    assert.throws(
      () => parseBessyo2(Buffer.from([0xff, 0xfe, 0x00])),
      (e: unknown) => e instanceof Bessyo2Error && e.problems[0]?.code === 'encoding',
    );
  });
});
