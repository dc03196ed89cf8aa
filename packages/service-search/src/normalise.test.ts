import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isKanaOnly, normaliseQuery, normaliseText, toHiragana } from './normalise.ts';

describe('normaliseQuery', () => {
  it('katakana (full and half width) becomes hiragana', () => {
    assert.equal(normaliseQuery('ジドウテアテ'), 'じどうてあて');
    assert.equal(normaliseQuery('ｼﾞﾄﾞｳﾃｱﾃ'), 'じどうてあて');
    assert.equal(normaliseQuery('マイナンバーカード'), 'まいなんばーかーど');
  });

  it('NFKC and lower case: full-width Latin and digits', () => {
    assert.equal(normaliseQuery('ＤＶ相談　１２３'), 'dv相談 123');
  });

  it('spaces (also the ideographic space) and punctuation separate terms', () => {
    assert.equal(normaliseQuery('  保育　申し込み、転入届。 '), '保育 申込 転入届');
  });

  it('drops particles typed as words and folds 送り仮名 inside kanji words', () => {
    assert.equal(normaliseQuery('犬 の 登録'), '犬 登録');
    assert.equal(normaliseQuery('妊娠の届出'), '妊娠届出');
    assert.equal(normaliseQuery('申し込み'), '申込');
    assert.equal(normaliseQuery('申込み'), '申込');
    assert.equal(normaliseQuery('届け出'), '届出');
    assert.equal(normaliseQuery('カードの申請'), 'かーど申請');
  });

  it('keeps kana words of their own and pure-kana queries untouched', () => {
    assert.equal(normaliseQuery('粗大ごみ'), '粗大ごみ');
    assert.equal(normaliseQuery('一時預かり'), '一時預かり');
    assert.equal(normaliseQuery('にんしんのとどけで'), 'にんしんのとどけで');
  });

  it('empty or particle-only input gives an empty query; duplicates collapse', () => {
    assert.equal(normaliseQuery(''), '');
    assert.equal(normaliseQuery(' の を '), '');
    assert.equal(normaliseQuery('税 税'), '税');
  });
});

describe('helpers', () => {
  it('toHiragana keeps ー and non-kana', () => {
    assert.equal(toHiragana('ヴァイオリンー児童'), 'ゔぁいおりんー児童');
  });

  it('isKanaOnly', () => {
    assert.equal(isKanaOnly('じどうてあて'), true);
    assert.equal(isKanaOnly('かーど'), true);
    assert.equal(isKanaOnly('児童'), false);
    assert.equal(isKanaOnly('abc'), false);
    assert.equal(isKanaOnly(''), false);
  });

  it('normaliseText joins title chunks without spaces, description chunks with one', () => {
    assert.equal(normaliseText('児童手当 額改定の請求', ''), '児童手当額改定請求');
    assert.equal(
      normaliseText('保育料の減免を申請します。詳しくは窓口へ', ' '),
      '保育料減免申請します 詳しくは窓口',
    );
  });
});
