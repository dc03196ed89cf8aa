/**
 * Name and address parts for deterministic demo residents: common surnames and given names with
 * their readings, and real town names (町名) in the demo municipalities.
 */
export const familyNames: readonly [string, string][] = [
  ['佐藤', 'サトウ'],
  ['鈴木', 'スズキ'],
  ['高橋', 'タカハシ'],
  ['田中', 'タナカ'],
  ['伊藤', 'イトウ'],
  ['渡辺', 'ワタナベ'],
  ['山本', 'ヤマモト'],
  ['中村', 'ナカムラ'],
  ['小林', 'コバヤシ'],
  ['加藤', 'カトウ'],
  ['吉田', 'ヨシダ'],
  ['山田', 'ヤマダ'],
  ['佐々木', 'ササキ'],
  ['山口', 'ヤマグチ'],
  ['松本', 'マツモト'],
  ['井上', 'イノウエ'],
  ['木村', 'キムラ'],
  ['林', 'ハヤシ'],
  ['斎藤', 'サイトウ'],
  ['清水', 'シミズ'],
];

export const givenNames: {
  readonly female: readonly [string, string][];
  readonly male: readonly [string, string][];
} = {
  female: [
    ['陽菜', 'ヒナ'],
    ['結衣', 'ユイ'],
    ['さくら', 'サクラ'],
    ['美咲', 'ミサキ'],
    ['葵', 'アオイ'],
    ['花子', 'ハナコ'],
    ['由美', 'ユミ'],
    ['恵子', 'ケイコ'],
    ['凛', 'リン'],
    ['芽依', 'メイ'],
  ],
  male: [
    ['蓮', 'レン'],
    ['大翔', 'ヒロト'],
    ['悠真', 'ユウマ'],
    ['湊', 'ミナト'],
    ['太郎', 'タロウ'],
    ['健一', 'ケンイチ'],
    ['翔太', 'ショウタ'],
    ['誠', 'マコト'],
    ['陽向', 'ヒナタ'],
    ['大輔', 'ダイスケ'],
  ],
};

export const townsByMunicipality: Readonly<
  Record<string, { prefecture: string; city: string; towns: readonly string[] }>
> = {
  '131016': {
    prefecture: '東京都',
    city: '千代田区',
    towns: ['霞が関', '永田町', '丸の内', '神田錦町', '九段南', '麹町'],
  },
  '131121': {
    prefecture: '東京都',
    city: '世田谷区',
    towns: ['太子堂', '三軒茶屋', '北沢', '成城', '用賀', '経堂'],
  },
  '011002': {
    prefecture: '北海道',
    city: '札幌市',
    towns: ['中央区北一条西', '北区北八条西', '東区北十条東', '白石区本通', '豊平区平岸'],
  },
};
