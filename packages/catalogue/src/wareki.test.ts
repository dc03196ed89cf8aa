import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoToWareki, parseWareki, warekiToIso } from './wareki.ts';

// Era boundaries: 平成 ended 2019-04-30 and 令和 began 2019-05-01; 昭和64年 was 1 to 7 January 1989.
describe('和暦 entry', () => {
  it('converts across era boundaries', () => {
    assert.equal(parseWareki('令和元年5月1日'), '2019-05-01');
    assert.equal(parseWareki('平成31年4月30日'), '2019-04-30');
    assert.equal(parseWareki('平成元年1月8日'), '1989-01-08');
    assert.equal(parseWareki('昭和64年1月7日'), '1989-01-07');
    assert.equal(parseWareki('令和６年４月１日'), '2024-04-01');
    assert.equal(warekiToIso('昭和', 1, 12, 25), '1926-12-25');
  });

  it('refuses dates outside their era or the calendar', () => {
    assert.equal(parseWareki('平成31年5月1日'), null);
    assert.equal(parseWareki('令和元年4月30日'), null);
    assert.equal(parseWareki('昭和64年1月8日'), null);
    assert.equal(parseWareki('令和5年2月29日'), null);
    assert.equal(parseWareki('2024-04-01'), null);
  });

  it('shows ISO dates in 和暦', () => {
    assert.deepEqual(isoToWareki('2019-05-01'), { era: '令和', year: 1, month: 5, day: 1 });
    assert.deepEqual(isoToWareki('2019-04-30'), { era: '平成', year: 31, month: 4, day: 30 });
    assert.deepEqual(isoToWareki('1989-01-07'), { era: '昭和', year: 64, month: 1, day: 7 });
    assert.equal(isoToWareki('2023-02-29'), null);
  });
});
