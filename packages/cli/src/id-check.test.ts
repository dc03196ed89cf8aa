import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

const bin = new URL('../../../bin/madoguchi.mjs', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

describe('madoguchi id check', () => {
  it('says valid with exit 0 for each identifier kind', () => {
    for (const [n, kind] of [
      ['123456789018', '個人番号'],
      ['7000012050002', '法人番号'],
      ['131016', '地方公共団体コード'],
    ] as const) {
      const r = run('id', 'check', n);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`${kind}.*: valid`));
    }
  });

  it('says invalid with exit 1', () => {
    const r = run('id', 'check', '123456789012');
    assert.equal(r.status, 1);
    assert.match(r.stdout, /個人番号.*: invalid/);
    assert.equal(run('id', 'check', '12345').status, 1);
  });

  it('prints usage with exit 2 for unknown commands', () => {
    const r = run('frobnicate');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /madoguchi start/);
  });
});
