import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createTokenizer, readingsOf, type Tokenizer } from './tokenizer.ts';

let tokenizer: Tokenizer;
before(async () => {
  tokenizer = await createTokenizer();
});

describe('readingsOf (kuromoji IPADIC)', () => {
  it('gives hiragana readings of kanji titles', () => {
    assert.deepEqual(readingsOf(tokenizer, '児童手当 認定請求'), ['じどうてあてにんていせいきゅう']);
    assert.deepEqual(readingsOf(tokenizer, '保育施設等利用申込'), ['ほいくしせつとうりようもうしこみ']);
  });

  it('adds a reading without particles when the title has them', () => {
    assert.deepEqual(readingsOf(tokenizer, '妊娠の届出'), ['にんしんのとどけで', 'にんしんとどけで']);
  });

  it('keeps unknown katakana words as their surface, in hiragana', () => {
    assert.deepEqual(readingsOf(tokenizer, 'マイナンバーカード'), ['まいなんばーかーど']);
  });

  it('loads the dictionary once', async () => {
    assert.equal(await createTokenizer(), tokenizer);
  });
});
