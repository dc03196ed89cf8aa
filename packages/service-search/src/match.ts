/**
 * How well one query term matches one indexed text. The index only uses n-grams to find candidates;
 * this decides the score, so both search paths (by municipality, by postings) rank identically.
 */
import { MAX_TERM_LENGTH } from './normalise.ts';

/** Points per term. Title and reading share tiers: a kana query for a kanji title is a title match. */
export const SCORE = {
  exact: 100,
  prefix: 80,
  substring: 60,
  fuzzyPrefix: 45,
  fuzzySubstring: 35,
  description: 20,
} as const;

/** Shorter terms must match exactly: one edit in two kana or one kanji leaves too little to go on. */
export const FUZZY_MIN_KANJI = 3;
export const FUZZY_MIN_KANA = 4;

export function fuzzyAllowed(term: string, kana: boolean): boolean {
  return term.length >= (kana ? FUZZY_MIN_KANA : FUZZY_MIN_KANJI);
}

// Two DP rows, reused: search is single-threaded and these never escape a call.
let rowA = new Int32Array(256);
let rowB = new Int32Array(256);
let preA = new Int32Array(256);
let preB = new Int32Array(256);

function ensureRows(n: number): void {
  if (rowA.length > n) return;
  const size = 2 * (n + 1);
  rowA = new Int32Array(size);
  rowB = new Int32Array(size);
  preA = new Int32Array(size);
  preB = new Int32Array(size);
}

/**
 * Smallest edit distance (substitution, insertion, deletion) between `term` and any substring of
 * `text` (Sellers' algorithm), and between `term` and any prefix of `text`. Both are capped at 2
 * (callers only ask "≤ 1?"), which lets the loop stop once a whole row exceeds 1.
 */
export function editDistances(term: string, text: string): { substring: number; prefix: number } {
  const m = Math.min(term.length, MAX_TERM_LENGTH);
  const n = text.length;
  ensureRows(n);
  let sub = rowA;
  let subNext = rowB;
  let pre = preA;
  let preNext = preB;
  for (let j = 0; j <= n; j++) {
    sub[j] = 0; // a substring may start anywhere
    pre[j] = j; // a prefix must start at 0
  }
  for (let i = 1; i <= m; i++) {
    const c = term.charCodeAt(i - 1);
    subNext[0] = i;
    preNext[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = text.charCodeAt(j - 1) === c ? 0 : 1;
      const s = Math.min(
        (sub[j] as number) + 1,
        (subNext[j - 1] as number) + 1,
        (sub[j - 1] as number) + cost,
      );
      const p = Math.min(
        (pre[j] as number) + 1,
        (preNext[j - 1] as number) + 1,
        (pre[j - 1] as number) + cost,
      );
      subNext[j] = s;
      preNext[j] = p;
      if (s < rowMin) rowMin = s;
    }
    if (rowMin > 1) return { substring: 2, prefix: 2 };
    [sub, subNext] = [subNext, sub];
    [pre, preNext] = [preNext, pre];
  }
  let bestSub = 2;
  let bestPre = 2;
  for (let j = 0; j <= n; j++) {
    bestSub = Math.min(bestSub, sub[j] as number);
    bestPre = Math.min(bestPre, pre[j] as number);
  }
  return { substring: bestSub, prefix: bestPre };
}

/** Score of `term` against a title or reading: exact > prefix > substring > the same with one typo. */
export function titleScore(term: string, text: string, fuzzy: boolean): number {
  if (text === term) return SCORE.exact;
  if (text.startsWith(term)) return SCORE.prefix;
  if (text.includes(term)) return SCORE.substring;
  if (!fuzzy) return 0;
  const d = editDistances(term, text);
  if (d.prefix <= 1) return SCORE.fuzzyPrefix;
  if (d.substring <= 1) return SCORE.fuzzySubstring;
  return 0;
}

/**
 * Descriptions count only for exact substrings of two characters or more: a typo-tolerant match in
 * a hundred characters of prose finds something for almost any query.
 */
export function descriptionScore(term: string, text: string): number {
  return term.length >= 2 && text.includes(term) ? SCORE.description : 0;
}
