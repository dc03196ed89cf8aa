import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { AppError } from '@madoguchi/errors';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { compileRule } from '../../data/notice-recipients.ts';
import type { AgencyDB } from '../../data/schema.ts';
import { checkNoticeInput } from './notice-input.ts';
import { parseSchedule } from './schedule.ts';
import { validateSegmentRule } from './segment-rule.ts';

const problems = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AppError);
    assert.equal(err.code, 'validation.failed');
    assert.equal(err.status, 400);
    return err.fields.map((f) => `${f.path} ${f.code}`);
  }
  assert.fail('expected validation.failed');
};
const rule = (r: unknown, resident = true) => validateSegmentRule(r, '/body/audience/rule', resident);

describe('segment rules', () => {
  it('accepts the documented example and normalises values', () => {
    const r = rule({
      all: [
        { field: 'resident.municipality', op: 'eq', value: '131016' },
        { field: 'household.childAgeMonths', op: 'between', value: [3, 4] },
        { field: 'benefit.kind', op: 'eq', value: '児童扶養手当' },
        { field: 'benefit.month', op: 'eq', value: '2026-07' },
        { not: { field: 'resident.sex', op: 'in', value: ['male', 'other'] } },
      ],
    });
    assert.deepEqual((r as { all: unknown[] }).all[2], {
      field: 'benefit.kind',
      op: 'eq',
      value: 'jidou-fuyou-teate',
    });
    assert.deepEqual((r as { all: unknown[] }).all[4], {
      not: { field: 'resident.sex', op: 'in', value: [1, 3] },
    });
  });

  it('names the failing path for a bad field, op, value, shape and combinator', () => {
    assert.deepEqual(
      problems(() =>
        rule({
          all: [
            { field: 'resident.municipality', op: 'eq', value: '131016' },
            { field: 'resident.income', op: 'eq', value: 1 },
            { field: 'resident.ageYears', op: 'like', value: 3 },
            { field: 'household.childAgeMonths', op: 'between', value: [4, 3] },
            { any: [{ field: 'benefit.month', op: 'eq', value: '2026-13' }] },
            { field: 'resident.ageMonths', op: 'in', value: [1, 'x'] },
            { any: [] },
            { field: 'benefit.kind', op: 'eq', value: 'パスポート', extra: 1 },
            { not: { field: 'resident.sex', op: 'eq', value: 'M' } },
            'nope',
          ],
        }),
      ),
      [
        '/body/audience/rule/all/1/field enum',
        '/body/audience/rule/all/2/op enum',
        '/body/audience/rule/all/3/value range',
        '/body/audience/rule/all/4/any/0/value pattern',
        '/body/audience/rule/all/5/value/1 range',
        '/body/audience/rule/all/6/any minItems',
        '/body/audience/rule/all/7/extra additionalProperties',
        '/body/audience/rule/all/8/not/value enum',
        '/body/audience/rule/all/9 type',
      ],
    );
    assert.deepEqual(
      problems(() => rule({ all: [], any: [] })),
      ['/body/audience/rule additionalProperties'],
    );
    assert.deepEqual(
      problems(() => rule(null)),
      ['/body/audience/rule type'],
    );
  });

  it('refuses resident fields for an agency that holds only copies, and over-large rules', () => {
    assert.deepEqual(
      problems(() => rule({ field: 'resident.ageYears', op: 'gte', value: 65 }, false)),
      ['/body/audience/rule/field unavailable'],
    );
    rule({ field: 'benefit.kind', op: 'eq', value: 'nenkin-kyufu' }, false);
    let deep: unknown = { field: 'resident.ageYears', op: 'eq', value: 1 };
    for (let i = 0; i < 8; i++) deep = { not: deep };
    assert.ok(problems(() => rule(deep)).some((p) => p.endsWith('maxDepth')));
    const wide = {
      any: Array.from({ length: 70 }, () => ({ field: 'resident.ageYears', op: 'eq', value: 1 })),
    };
    assert.ok(problems(() => rule(wide)).some((p) => p.endsWith('maxNodes')));
  });

  it('compiles to parameters only: values never reach the SQL text', () => {
    const r = rule({
      any: [
        { field: 'resident.municipality', op: 'in', value: ['131016'] },
        {
          all: [
            { field: 'benefit.kind', op: 'eq', value: 'jidou-fuyou-teate' },
            { field: 'benefit.month', op: 'between', value: ['2026-07', '2026-08'] },
          ],
        },
      ],
    });
    // A Kysely that never connects: compiling needs only the dialect.
    const db = new Kysely<AgencyDB>({ dialect: new PostgresDialect({ pool: new pg.Pool() }) });
    const q = compileRule(r, '131016', '2026-11-23').compile(db);
    assert.ok(!q.sql.includes('131016') && !q.sql.includes('2026-07') && !q.sql.includes('jidou'));
    assert.ok(q.parameters.includes('jidou-fuyou-teate') && q.parameters.includes('2026-07-01'));
    // Type and month of one `all` are the same record: one exists over info_record, not two.
    assert.equal(q.sql.match(/from info_record/g)?.length, 1);
  });
});

describe('notice input', () => {
  const base = {
    kind: 'checkup',
    title: '健診',
    body: 'https://example.jp',
    audience: { type: 'person', fugo: 'F1' },
  };
  it('accepts PDFs only (by magic), at most 3, and names each problem', () => {
    const pdf = Buffer.from('%PDF-1.7\n%%EOF').toString('base64');
    const ok = checkNoticeInput({ ...base, attachments: [{ filename: 'a.pdf', data: pdf }] }, true);
    assert.equal(ok.attachments[0]?.content.subarray(0, 5).toString(), '%PDF-');
    assert.deepEqual(
      problems(() =>
        checkNoticeInput(
          {
            ...base,
            kind: 'spam',
            title: 'x'.repeat(121),
            attachments: [
              { filename: 'a.pdf', data: Buffer.from('GIF89a').toString('base64') },
              { filename: 'b.pdf', data: Buffer.alloc(2 * 1024 * 1024 + 1, 0x25).toString('base64') },
            ],
            actions: [{ type: 'pay', label: '納付', url: 'javascript:alert(1)' }],
            expiresAt: '2000-01-01',
          },
          true,
        ),
      ),
      [
        '/body/kind enum',
        '/body/title maxLength',
        '/body/actions/0/url format',
        '/body/attachments/0/data pdf',
        '/body/attachments/1/data maxSize',
        '/body/expiresAt format',
      ],
    );
  });
});

describe('schedule file', () => {
  it('parses boshi-hoken.tsv: checkups and vaccinations by age, unique ids', () => {
    const rows = parseSchedule(
      readFileSync(new URL('../../../schedules/boshi-hoken.tsv', import.meta.url), 'utf8'),
    );
    assert.ok(rows.length >= 8);
    assert.deepEqual(
      rows.filter((r) => r.kind === 'checkup').map((r) => r.ageMonths),
      [1, 3, 18, 36],
    );
    assert.ok(rows.some((r) => r.kind === 'vaccination' && r.ageMonths === 2));
    assert.throws(() => parseSchedule('id\tkind\tage_months\ttitle\tbody\nx\tunknown\t1\tt\tb\n'), /line 2/);
  });
});
