import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { descriptionScore, editDistances, fuzzyAllowed, SCORE, titleScore } from './match.ts';

describe('editDistances', () => {
  it('substring distance is 0 for an exact substring; prefix distance counts the skipped start', () => {
    assert.deepEqual(editDistances('abc', 'xxabcxx'), { substring: 0, prefix: 2 });
    assert.deepEqual(editDistances('abc', 'abcxx'), { substring: 0, prefix: 0 });
  });

  it('one substitution, insertion or deletion is distance 1', () => {
    assert.deepEqual(editDistances('児童手당', '児童手当認定請求'), { substring: 1, prefix: 1 });
    assert.deepEqual(editDistances('じどうてあって', 'じどうてあてにんてい'), { substring: 1, prefix: 1 });
    assert.deepEqual(editDistances('じどてあて', 'じどうてあてにんてい'), { substring: 1, prefix: 1 });
    assert.deepEqual(editDistances('転入屈', '国外からの転入届'), { substring: 1, prefix: 2 });
  });

  it('caps at 2: two edits (kitten within sitting) and unrelated strings', () => {
    assert.deepEqual(editDistances('kitten', 'sitting'), { substring: 2, prefix: 2 });
    assert.deepEqual(editDistances('保育', '犬登録'), { substring: 2, prefix: 2 });
  });

  it('handles texts longer than the preallocated rows', () => {
    const long = `${'あ'.repeat(600)}じどうてあて`;
    assert.equal(editDistances('じどうてあって', long).substring, 1);
  });
});

describe('titleScore and descriptionScore', () => {
  it('tiers: exact > prefix > substring > fuzzy prefix > fuzzy substring', () => {
    assert.equal(titleScore('転入届', '転入届', true), SCORE.exact);
    assert.equal(titleScore('転入', '転入届', true), SCORE.prefix);
    assert.equal(titleScore('入届', '転入届', true), SCORE.substring);
    assert.equal(titleScore('転入屈', '転入届特例', true), SCORE.fuzzyPrefix);
    assert.equal(titleScore('転入屈', '国外転入届', true), SCORE.fuzzySubstring);
    assert.equal(titleScore('転入屈', '国外転入届', false), 0);
    const tiers = [
      SCORE.exact,
      SCORE.prefix,
      SCORE.substring,
      SCORE.fuzzyPrefix,
      SCORE.fuzzySubstring,
      SCORE.description,
    ];
    assert.deepEqual(
      [...tiers].sort((a, b) => b - a),
      tiers,
    );
  });

  it('fuzzy needs 3 characters with kanji, 4 in kana', () => {
    assert.equal(fuzzyAllowed('転入', false), false);
    assert.equal(fuzzyAllowed('転入届', false), true);
    assert.equal(fuzzyAllowed('ほいく', true), false);
    assert.equal(fuzzyAllowed('ほいくし', true), true);
  });

  it('descriptions count for exact substrings of 2+ characters only', () => {
    assert.equal(descriptionScore('保育', '認可保育所の利用'), SCORE.description);
    assert.equal(descriptionScore('保', '認可保育所の利用'), 0);
    assert.equal(descriptionScore('保育所利', '認可保育所の利用'), 0);
  });
});
