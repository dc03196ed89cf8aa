import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apply, truthy, UnknownOperatorError, varsOf } from './rules.ts';
import { checkRule } from './rules-check.ts';

// Cases are the examples of https://jsonlogic.com/operations.html and https://jsonlogic.com/truthy.html.
const cases: [rule: unknown, data: unknown, expected: unknown][] = [
  [{ var: ['a'] }, { a: 1, b: 2 }, 1],
  [{ var: 'a' }, { a: 1, b: 2 }, 1],
  [{ var: ['z', 26] }, { a: 1, b: 2 }, 26],
  [
    { var: 'champ.name' },
    { champ: { name: 'Fezzig', height: 223 }, challenger: { name: 'Dread Pirate Roberts', height: 183 } },
    'Fezzig',
  ],
  [{ var: 1 }, ['zero', 'one', 'two'], 'one'],
  [{ cat: ['Hello, ', { var: '' }] }, 'Dolly', 'Hello, Dolly'],
  [
    { and: [{ '<': [{ var: 'temp' }, 110] }, { '==': [{ var: 'pie.filling' }, 'apple'] }] },
    { temp: 100, pie: { filling: 'apple' } },
    true,
  ],
  [{ missing: ['a', 'b'] }, { a: 'apple', c: 'carrot' }, ['b']],
  [{ missing: ['a', 'b'] }, { a: 'apple', b: 'banana' }, []],
  [{ if: [{ missing: 'a' }, 'missing a', 'found a'] }, { a: 'apple' }, 'found a'],
  [{ if: [true, 'yes', 'no'] }, null, 'yes'],
  [{ if: [false, 'yes', 'no'] }, null, 'no'],
  [
    { if: [{ '<': [{ var: 'temp' }, 0] }, 'freezing', { '<': [{ var: 'temp' }, 100] }, 'liquid', 'gas'] },
    { temp: 55 },
    'liquid',
  ],
  [
    { if: [{ '<': [{ var: 'temp' }, 0] }, 'freezing', { '<': [{ var: 'temp' }, 100] }, 'liquid', 'gas'] },
    { temp: 200 },
    'gas',
  ],
  [{ '==': [1, 1] }, null, true],
  [{ '==': [1, '1'] }, null, true],
  [{ '==': [0, false] }, null, true],
  [{ '===': [1, 1] }, null, true],
  [{ '===': [1, '1'] }, null, false],
  [{ '!=': [1, 2] }, null, true],
  [{ '!=': [1, '1'] }, null, false],
  [{ '!==': [1, 2] }, null, true],
  [{ '!==': [1, '1'] }, null, true],
  [{ '!': [true] }, null, false],
  [{ '!': true }, null, false],
  [{ '!!': [[]] }, null, false],
  [{ '!!': ['0'] }, null, true],
  [{ or: [true, false] }, null, true],
  [{ or: [false, 'a'] }, null, 'a'],
  [{ or: [false, 0, 'a'] }, null, 'a'],
  [{ and: [true, 'a', 3] }, null, 3],
  [{ and: [true, '', 3] }, null, ''],
  [{ '>': [2, 1] }, null, true],
  [{ '>=': [1, 1] }, null, true],
  [{ '<': [1, 2] }, null, true],
  [{ '<=': [1, 1] }, null, true],
  [{ '<': [1, 2, 3] }, null, true],
  [{ '<': [1, 1, 3] }, null, false],
  [{ '<': [1, 4, 3] }, null, false],
  [{ '<=': [1, 2, 3] }, null, true],
  [{ '<=': [1, 1, 3] }, null, true],
  [{ '<=': [1, 4, 3] }, null, false],
  [{ '<': [0, { var: 'temp' }, 100] }, { temp: 37 }, true],
  [{ max: [1, 2, 3] }, null, 3],
  [{ min: [1, 2, 3] }, null, 1],
  [{ '+': [4, 2] }, null, 6],
  [{ '-': [4, 2] }, null, 2],
  [{ '*': [4, 2] }, null, 8],
  [{ '/': [4, 2] }, null, 2],
  [{ '+': [2, 2, 2, 2, 2] }, null, 10],
  [{ '*': [2, 2, 2, 2, 2] }, null, 32],
  [{ '-': 2 }, null, -2],
  [{ '-': [-2] }, null, 2],
  [{ '+': '3.14' }, null, 3.14],
  [{ '%': [101, 2] }, null, 1],
  [{ in: ['Spring', 'Springfield'] }, null, true],
  [{ in: ['Ringo', ['John', 'Paul', 'George', 'Ringo']] }, null, true],
  [{ cat: ['I love', ' pie'] }, null, 'I love pie'],
  [{ cat: ['I love ', { var: 'filling' }, ' pie'] }, { filling: 'apple', temp: 110 }, 'I love apple pie'],
  [{ all: [[1, 2, 3], { '>': [{ var: '' }, 0] }] }, null, true],
  [{ some: [[-1, 0, 1], { '>': [{ var: '' }, 0] }] }, null, true],
  [{ none: [[-3, -2, -1], { '>': [{ var: '' }, 0] }] }, null, true],
  [
    { some: [{ var: 'pies' }, { '==': [{ var: 'filling' }, 'apple'] }] },
    {
      pies: [
        { filling: 'pumpkin', temp: 110 },
        { filling: 'rhubarb', temp: 210 },
        { filling: 'apple', temp: 310 },
      ],
    },
    true,
  ],
];

describe('JSON Logic evaluator (jsonlogic.com examples)', () => {
  for (const [rule, data, expected] of cases) {
    it(`${JSON.stringify(rule)} on ${JSON.stringify(data)}`, () => {
      assert.deepEqual(apply(rule, data), expected);
    });
  }

  it('follows the truthiness table: empty array false, "0" true', () => {
    const table: [unknown, boolean][] = [
      [0, false],
      [1, true],
      [-1, true],
      [[], false],
      [[1, 2], true],
      ['', false],
      ['anything', true],
      ['0', true],
      [['0'], true],
      [null, false],
    ];
    for (const [v, t] of table) assert.equal(truthy(v), t, JSON.stringify(v));
  });

  it('all over an empty array is false; some/none over a non-array see nothing', () => {
    assert.equal(apply({ all: [[], { var: '' }] }), false);
    assert.equal(apply({ some: [{ var: 'x' }, true] }, {}), false);
    assert.equal(apply({ none: [{ var: 'x' }, true] }, {}), true);
  });

  it('var returns the default only when the value is absent, and never reads inherited properties', () => {
    assert.equal(apply({ var: ['a', 5] }, { a: 0 }), 0);
    assert.equal(apply({ var: ['a.b', 'd'] }, { a: null }), 'd');
    assert.equal(apply({ var: 'constructor' }, {}), null);
    assert.equal(apply({ var: '__proto__' }, {}), null);
    assert.equal(apply({ var: 'xs.length' }, { xs: [1, 2] }), 2);
  });

  it('throws UnknownOperatorError outside the subset', () => {
    assert.throws(() => apply({ merge: [[1], [2]] }), UnknownOperatorError);
  });

  it('lists the variables a rule reads, not those inside array predicates', () => {
    const rule = { and: [{ var: 'a.b' }, { some: [{ var: 'kids' }, { '<': [{ var: 'age' }, 3] }] }] };
    assert.deepEqual([...varsOf(rule)].sort(), ['a.b', 'kids']);
  });
});

describe('checkRule (publishing-time check)', () => {
  it('accepts rules in the subset', () => {
    assert.deepEqual(checkRule({ and: [{ '<': [0, { var: 'x' }, 18] }, { in: ['a', ['a']] }] }), []);
    assert.deepEqual(checkRule(true), []);
  });

  it('rejects an unknown operator with its JSON pointer', () => {
    const issues = checkRule({ and: [{ '==': [1, 1] }, { or: [{ dance: [1] }] }] }, '/eligibility');
    assert.deepEqual(
      issues.map((i) => [i.path, i.code]),
      [['/eligibility/and/1/or/0/dance', 'unknown_operator']],
    );
  });

  it('escapes the pointer (RFC 6901) and flags objects that are not operations', () => {
    assert.equal(checkRule({ 'a/b~': 1 })[0]?.path, '/a~1b~0');
    assert.equal(checkRule({ a: 1, b: 2 })[0]?.code, 'not_operation');
  });

  it('checks argument counts', () => {
    assert.deepEqual(
      checkRule({ '>': [1, 2, 3] }).map((i) => [i.path, i.code]),
      [['/>', 'arity']],
    );
    assert.deepEqual(
      checkRule({ '<': [1] }).map((i) => i.code),
      ['arity'],
    );
  });

  it('refuses absurd nesting', () => {
    let deep: unknown = true;
    for (let i = 0; i < 40; i++) deep = { '!': [deep] };
    assert.ok(checkRule(deep).some((i) => i.code === 'too_deep'));
  });
});
