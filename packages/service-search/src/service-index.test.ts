import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SCORE } from './match.ts';
import { buildIndex } from './service-index.ts';
import { createTokenizer, type Tokenizer } from './tokenizer.ts';
import type { SearchableService, ServiceIndex } from './types.ts';

const A = '131016'; // 千代田区
const B = '011011'; // 札幌市中央区

function svc(
  id: string,
  municipality: string,
  title: string,
  description = '',
  category = '子育て',
  lifeEvents: string[] = [],
): SearchableService {
  return { id, municipality, title, description, category, lifeEvents };
}

function fixture(): SearchableService[] {
  return [
    svc('a-nintei', A, '児童手当 認定請求', '児童手当を受給するための認定請求です。', '子育て', [
      '子育て',
      '妊娠・出産',
    ]),
    svc('a-gakukaitei', A, '児童手当 額改定の請求', '支給対象の児童が増えたときに手当額の改定を請求します。'),
    svc(
      'a-kodomo',
      A,
      '子ども医療費助成の申請',
      '児童手当とは別に、子どもの医療費の自己負担分を助成します。',
    ),
    svc('a-hoiku', A, '保育施設等利用申込', '認可保育所や認定こども園の利用を申し込みます。'),
    svc('a-hoikuryou', A, '保育料の減免申請', '保育料の支払いが困難なときに減免を申請します。'),
    svc('a-ninshin', A, '妊娠の届出', '母子健康手帳を交付します。', '子育て', ['妊娠・出産']),
    svc('a-tennyuu', A, '転入届', '引越してきたときに届け出ます。', '戸籍・住民票', ['引越し']),
    svc(
      'a-tennyuu-tokurei',
      A,
      '転入届(マイナンバーカード特例)',
      'カードを使った転入の手続です。',
      '戸籍・住民票',
    ),
    svc('a-tennyuu-kokugai', A, '国外からの転入届', '海外から戻ったときの届出です。', '戸籍・住民票'),
    svc('a-inu', A, '犬の登録', '飼い犬を登録し鑑札を交付します。', '環境・ごみ', ['ペット']),
    svc('b-nintei', B, '児童手当 認定請求', '児童手当を受給するための認定請求です。', '子育て', ['子育て']),
    svc('b-tennyuu', B, '転入届', '引越してきたときに届け出ます。', '戸籍・住民票', ['引越し']),
  ];
}

let tokenizer: Tokenizer;
let index: ServiceIndex;
const ids = (q: Parameters<ServiceIndex['search']>[0]) => index.search(q).map((h) => h.id);

before(async () => {
  tokenizer = await createTokenizer();
  index = buildIndex(fixture(), tokenizer);
});

describe('free text', () => {
  it('じどうてあて (hiragana) finds the kanji title 児童手当 first, shorter title before longer', () => {
    assert.deepEqual(ids({ q: 'じどうてあて', municipality: A }), ['a-nintei', 'a-gakukaitei']);
  });

  it('ジドウテアテ (katakana, also half-width) ranks the same', () => {
    assert.deepEqual(ids({ q: 'ジドウテアテ', municipality: A }), ['a-nintei', 'a-gakukaitei']);
    assert.deepEqual(ids({ q: 'ｼﾞﾄﾞｳﾃｱﾃ', municipality: A }), ['a-nintei', 'a-gakukaitei']);
  });

  it('保育 申し込み (two partial words, different 送り仮名) finds 保育施設等利用申込 first', () => {
    assert.equal(ids({ q: '保育 申し込み', municipality: A })[0], 'a-hoiku');
    assert.equal(ids({ q: 'ほいく もうしこみ', municipality: A })[0], 'a-hoiku');
  });

  it('tolerates one wrong or missing character', () => {
    assert.equal(ids({ q: '児童手당', municipality: A })[0], 'a-nintei'); // wrong character
    assert.equal(ids({ q: 'じどうてあって', municipality: A })[0], 'a-nintei'); // extra character
    assert.equal(ids({ q: 'じどてあて', municipality: A })[0], 'a-nintei'); // missing character
    assert.equal(ids({ q: '転入屈', municipality: A })[0], 'a-tennyuu');
  });

  it('a typo match scores below the exact one', () => {
    const exact = index.search({ q: 'じどうてあて', municipality: A })[0]?.score ?? 0;
    const typo = index.search({ q: 'じどうてあって', municipality: A })[0]?.score ?? 0;
    assert.ok(typo > 0 && typo < exact, `${typo} < ${exact}`);
  });

  it('particles typed or not: にんしんのとどけで, にんしんとどけで, 犬 の 登録', () => {
    assert.equal(ids({ q: 'にんしんのとどけで', municipality: A })[0], 'a-ninshin');
    assert.equal(ids({ q: 'にんしんとどけで', municipality: A })[0], 'a-ninshin');
    assert.equal(ids({ q: '妊娠届', municipality: A })[0], 'a-ninshin');
    assert.deepEqual(ids({ q: '犬 の 登録', municipality: A }), ['a-inu']);
  });

  it('all terms must match', () => {
    assert.deepEqual(ids({ q: '保育 転入', municipality: A }), []);
    assert.deepEqual(ids({ q: 'まったく関係ない言葉', municipality: A }), []);
  });
});

describe('ranking', () => {
  it('exact title > prefix > substring, with strictly falling scores', () => {
    const hits = index.search({ q: '転入届', municipality: A });
    assert.deepEqual(
      hits.map((h) => h.id),
      ['a-tennyuu', 'a-tennyuu-tokurei', 'a-tennyuu-kokugai'],
    );
    assert.deepEqual(
      hits.map((h) => h.score),
      [SCORE.exact, SCORE.prefix, SCORE.substring],
    );
  });

  it('title match beats description match', () => {
    const hits = index.search({ q: '児童手当', municipality: A });
    assert.deepEqual(
      hits.map((h) => h.id),
      ['a-nintei', 'a-gakukaitei', 'a-kodomo'],
    );
    assert.equal(hits[2]?.score, SCORE.description);
  });

  it('searching without a municipality ranks the same as searching in it', () => {
    for (const q of ['児童手当', 'じどうてあって', '転入届', '保育 申し込み']) {
      const local = ids({ q, municipality: A });
      const everywhere = index
        .search({ q, limit: 100 })
        .map((h) => h.id)
        .filter((id) => id.startsWith('a-'));
      assert.deepEqual(everywhere, local, q);
    }
  });
});

describe('filters', () => {
  it('municipality filter excludes other municipalities', () => {
    assert.deepEqual(ids({ q: '転入届', municipality: B }), ['b-tennyuu']);
    const all = ids({ q: '転入届' });
    assert.ok(all.includes('a-tennyuu') && all.includes('b-tennyuu'));
    assert.deepEqual(ids({ q: '転入届', municipality: '999999' }), []);
  });

  it('category and life event filters', () => {
    assert.deepEqual(ids({ q: '転入', category: '子育て' }), []);
    assert.deepEqual(ids({ q: 'じどうてあて', lifeEvent: '妊娠・出産' }), ['a-nintei']);
    assert.deepEqual(ids({ municipality: A, lifeEvent: 'ペット' }), ['a-inu']);
  });

  it('empty query with filters lists in 五十音 order of the title', () => {
    // Readings: こどもいりょうひ…, じどうてあてがく…, じどうてあてにん…, にんしん…, ほいくし…, ほいくりょう…
    assert.deepEqual(ids({ municipality: A, category: '子育て' }), [
      'a-kodomo',
      'a-gakukaitei',
      'a-nintei',
      'a-ninshin',
      'a-hoiku',
      'a-hoikuryou',
    ]);
    assert.deepEqual(ids({ category: '戸籍・住民票', q: '', limit: 2 }), ['a-tennyuu-kokugai', 'a-tennyuu']);
  });

  it('limit caps the hits', () => {
    assert.equal(index.search({ q: 'じどうてあて', limit: 1 }).length, 1);
  });
});

describe('sync', () => {
  it('remove and upsert change results and size', () => {
    const local = buildIndex(fixture(), tokenizer);
    assert.equal(local.size, 12);
    local.remove('a-nintei');
    assert.equal(local.size, 11);
    assert.deepEqual(
      local.search({ q: 'じどうてあて', municipality: A }).map((h) => h.id),
      ['a-gakukaitei'],
    );
    // Same text as b-nintei: the shared group must still serve 札幌市中央区.
    assert.deepEqual(
      local.search({ q: 'じどうてあて' }).map((h) => h.id),
      ['b-nintei', 'a-gakukaitei'],
    );
    local.upsert(svc('a-nintei', A, '児童手当 認定請求', '児童手当を受給するための認定請求です。'));
    assert.equal(local.search({ q: 'じどうてあて', municipality: A })[0]?.id, 'a-nintei');
    local.upsert(svc('a-inu', A, '犬の死亡届', '飼い犬が死亡したときに届け出ます。', '環境・ごみ'));
    assert.equal(local.size, 12);
    assert.deepEqual(
      local.search({ q: '犬 登録', municipality: A }).map((h) => h.id),
      [],
    );
    assert.deepEqual(
      local.search({ q: 'いぬのしぼう' }).map((h) => h.id),
      ['a-inu'],
    );
    local.remove('no-such-id');
    assert.equal(local.size, 12);
  });
});

describe('description-only matches at scale', () => {
  it('rank below title matches, shorter title first, for common and rare words alike', () => {
    const many: SearchableService[] = [];
    for (let i = 0; i < 3000; i++) {
      const m = String(100000 + i);
      many.push(svc(`long-${i}`, m, '国民健康保険 加入の届出', `窓口${i}で受け付けます。`, '健康・医療'));
      many.push(svc(`short-${i}`, m, '犬の登録', `窓口${i}で受け付けます。`, '環境・ごみ'));
    }
    many.push(svc('titled', '100000', '受付窓口の案内', '案内です。', '事業者'));
    many.push(svc('rare', '100001', '転入届', '特別窓口で受け付けます。', '戸籍・住民票'));
    const big = buildIndex(many, tokenizer);
    // 受付 is in 6,001 descriptions: the common-word path walks titles shortest first.
    const common = big.search({ q: '受付', limit: 3 });
    assert.deepEqual(
      common.map((h) => h.id),
      // 犬登録 and 転入届 tie on length; 犬の登録 was indexed first.
      ['titled', 'short-0', 'short-1'],
    );
    assert.deepEqual(
      common.map((h) => h.score),
      [SCORE.prefix, SCORE.description, SCORE.description],
    );
    assert.deepEqual(
      big.search({ q: '受付', municipality: '100002' }).map((h) => h.id),
      ['short-2', 'long-2'],
    );
    // A rare word goes through its posting list.
    assert.deepEqual(
      big.search({ q: '特別窓口' }).map((h) => h.id),
      ['rare'],
    );
  });
});
