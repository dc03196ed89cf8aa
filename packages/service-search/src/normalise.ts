/**
 * Text normalisation shared by the index and the queries. Both sides go through the same functions,
 * so a variant spelling only has to fold to the same string, not to a "correct" one.
 */

/** Particles that carry no meaning for search when typed as a word of their own (「犬 の 登録」). */
const PARTICLES = new Set(['の', 'を', 'に', 'が', 'は', 'へ', 'と', 'で', 'や', 'も']);

/** Queries longer than this are cut: the score packs into 10 bits (see service-index.ts). */
export const MAX_TERMS = 8;
/** Terms longer than this are cut, which keeps the edit-distance tables small and fixed. */
export const MAX_TERM_LENGTH = 32;

const isHiragana = (c: number) => (c >= 0x3041 && c <= 0x3096) || c === 0x309d || c === 0x309e;
const isKatakana = (c: number) => (c >= 0x30a1 && c <= 0x30fa) || c === 0x30fc;
// 々 (U+3005) and 〆 (U+3006) behave like kanji inside words (人々, 〆切).
const HAN = /[\p{Script=Han}々〆]/u;

/** Katakana → hiragana; the long-vowel mark ー is kept, since readings use it too (カード → かーど). */
export function toHiragana(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0x30a1 && c <= 0x30f6 ? String.fromCharCode(c - 0x60) : s.charAt(i);
  }
  return out;
}

/** True when the (already hiragana-converted) term is only kana, i.e. it should meet the reading. */
export function isKanaOnly(term: string): boolean {
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    if (!isHiragana(c) && c !== 0x30fc) return false;
  }
  return term.length > 0;
}

/** NFKC (full-width Latin/digits, half-width katakana), lower case, punctuation and spaces → one space. */
export function basicNormalise(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();
}

/**
 * Folds 送り仮名 and particles inside a word written with kanji, so 申し込み, 申込み and 申込 all become
 * 申込, and 妊娠の届出 becomes 妊娠届出: a one-kana run between two kanji/katakana words, and one kana
 * closing a kanji. Longer runs are words of their own (粗大ごみ, 一時預かり) and stay, since inside a
 * title they cannot be told apart from a word.
 * Works on NFKC text before katakana is converted, so katakana still marks a word boundary.
 */
function foldOkurigana(term: string): string {
  let out = '';
  let i = 0;
  while (i < term.length) {
    if (!isHiragana(term.charCodeAt(i))) {
      out += term.charAt(i);
      i++;
      continue;
    }
    let j = i;
    while (j < term.length && isHiragana(term.charCodeAt(j))) j++;
    const prev = i > 0 ? term.charAt(i - 1) : '';
    const next = j < term.length ? term.charAt(j) : '';
    const prevWord = HAN.test(prev) || (prev !== '' && isKatakana(prev.charCodeAt(0)));
    const nextWord = HAN.test(next) || (next !== '' && isKatakana(next.charCodeAt(0)));
    const between = j - i === 1 && prevWord && nextWord;
    const closing = j === term.length && j - i === 1 && HAN.test(prev);
    if (!between && !closing) out += term.slice(i, j);
    i = j;
  }
  return out;
}

/** One space-free chunk of text → its searchable form (folded if it holds kanji, then hiragana). */
export function normaliseTerm(chunk: string): string {
  return toHiragana(HAN.test(chunk) ? foldOkurigana(chunk) : chunk);
}

/** A whole text field (title, description) → its searchable form; `joiner` separates the chunks. */
export function normaliseText(text: string, joiner: string): string {
  const chunks = basicNormalise(text).split(' ');
  return chunks
    .map(normaliseTerm)
    .filter((c) => c !== '')
    .join(joiner);
}

/** A query → its terms: normalised, stand-alone particles dropped, at most MAX_TERMS of MAX_TERM_LENGTH. */
export function queryTerms(q: string): string[] {
  const terms: string[] = [];
  for (const chunk of basicNormalise(q).split(' ')) {
    const term = normaliseTerm(chunk).slice(0, MAX_TERM_LENGTH);
    if (term === '' || PARTICLES.has(term) || terms.includes(term)) continue;
    terms.push(term);
    if (terms.length === MAX_TERMS) break;
  }
  return terms;
}

/**
 * The normalised query as the index sees it: terms joined by one space (spaces separate terms that
 * must all match; they are not part of any term).
 */
export function normaliseQuery(q: string): string {
  return queryTerms(q).join(' ');
}
