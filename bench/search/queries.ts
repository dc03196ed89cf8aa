/**
 * 50 queries a resident might type into ぴったりサービス, each with the template it should find.
 * `local: true` runs it with the resident's municipality as filter (the portal's usual case); the
 * others search the whole country. Two are colloquial names the index has no synonym for
 * (印鑑証明, 母子手帳) and are expected to miss — kept so recall is not flattered.
 */
export type QueryKind = 'hiragana' | 'katakana' | 'kanji' | 'partial' | 'two-word' | 'typo';

export interface BenchQuery {
  q: string;
  kind: QueryKind;
  /** Template key (see packages/service-search/src/service-templates.ts). */
  expect: string;
  local: boolean;
}

const q = (q: string, kind: QueryKind, expect: string, local = true): BenchQuery => ({
  q,
  kind,
  expect,
  local,
});

export const QUERIES: readonly BenchQuery[] = [
  q('じどうてあて', 'hiragana', 'jidou-teate-nintei'),
  q('しゅっせいとどけ', 'hiragana', 'shussei'),
  q('にんしんのとどけで', 'hiragana', 'ninshin-todoke'),
  q('てんにゅうとどけ', 'hiragana', 'tennyuu'),
  q('そだいごみ', 'hiragana', 'sodai-gomi'),
  q('いんかんとうろく', 'hiragana', 'inkan-touroku'),
  q('じゅうみんひょう', 'hiragana', 'juuminhyou'),
  q('いぬのとうろく', 'hiragana', 'inu-touroku'),
  q('こんいんとどけ', 'hiragana', 'konin'),
  q('りさいしょうめいしょ', 'hiragana', 'risai-shoumei', false),
  q('てんにゅうとどけ', 'hiragana', 'tennyuu', false),
  q('ジドウテアテ', 'katakana', 'jidou-teate-nintei'),
  q('テンシュツトドケ', 'katakana', 'tenshutsu'),
  q('ソダイゴミ', 'katakana', 'sodai-gomi', false),
  q('シボウトドケ', 'katakana', 'shibou'),
  q('マイナンバーカード', 'katakana', 'mynumber-kouhu'),
  q('児童手当', 'kanji', 'jidou-teate-nintei'),
  q('転入届', 'kanji', 'tennyuu', false),
  q('婚姻届', 'kanji', 'konin', false),
  q('罹災証明', 'kanji', 'risai-shoumei'),
  q('就学援助', 'kanji', 'shuugaku-enjo'),
  q('高額療養費', 'kanji', 'kougaku-ryouyou', false),
  q('出生届', 'kanji', 'shussei'),
  q('死亡届', 'kanji', 'shibou', false),
  q('国民健康保険', 'kanji', 'kokuho-kanyuu'),
  q('印鑑証明', 'kanji', 'inkan-shoumei'),
  q('母子手帳', 'kanji', 'boshi-techou-saikouhu'),
  q('扶養手当', 'partial', 'jidou-fuyou-teate'),
  q('保育 申し込み', 'partial', 'hoiku-riyou'),
  q('保育 申し込み', 'partial', 'hoiku-riyou', false),
  q('児童クラブ', 'partial', 'gakudou'),
  q('予防接種', 'partial', 'yobou-sesshu'),
  q('ごみ 申込', 'partial', 'sodai-gomi'),
  q('住民税', 'partial', 'juuminzei-shinkoku'),
  q('転出', 'partial', 'tenshutsu'),
  q('水道 開始', 'partial', 'suidou-kaishi'),
  q('犬 の 登録', 'partial', 'inu-touroku', false),
  q('空き家バンク', 'partial', 'akiya-bank'),
  q('ワンストップ特例', 'partial', 'furusato', false),
  q('じどうてあて がくかいてい', 'two-word', 'jidou-teate-gakukaitei'),
  q('マイナンバーカード 交付', 'two-word', 'mynumber-kouhu', false),
  q('こくみんねんきん めんじょ', 'two-word', 'nenkin-menjo'),
  q('ようかいご にんてい', 'two-word', 'kaigo-nintei'),
  q('ほいく もうしこみ', 'two-word', 'hoiku-riyou'),
  q('じどうてあって', 'typo', 'jidou-teate-nintei'),
  q('児童手당', 'typo', 'jidou-teate-nintei'),
  q('転入屈', 'typo', 'tennyuu', false),
  q('いんかんとおろく', 'typo', 'inkan-touroku'),
  q('りさいしょうめえ', 'typo', 'risai-shoumei'),
  q('しゅうがくえんじょう', 'typo', 'shuugaku-enjo'),
];
