/**
 * Services grouped by identical (title, description), and titles interned on their own.
 * Municipalities publish the same national procedures under (nearly) the same names but often write
 * their own descriptions, so ~170k services share a few thousand titles: readings, title postings and
 * title scores work per title; descriptions are matched per group; a group expands to its services
 * only when results are taken.
 */
import { GramPostings, gramsOf, HitCounter } from './gram-postings.ts';
import { descriptionScore, fuzzyAllowed, SCORE, titleScore } from './match.ts';
import { isKanaOnly, normaliseText, queryTerms } from './normalise.ts';
import { readingsOf, type Tokenizer } from './tokenizer.ts';

/** A service as stored: the filter fields and the id of its text group. */
export interface IndexedService {
  id: string;
  municipality: string;
  category: string;
  lifeEvents: readonly string[];
  group: number;
}

export interface TitleEntry {
  title: string;
  /** Normalised, folded title without spaces (児童手当額改定請求). */
  titleText: string;
  /** Hiragana readings: full, and without particles when that differs. */
  readings: string[];
  /** Ids of the groups with this title, ascending. */
  groups: number[];
}

export interface TextGroup {
  title: number;
  /** Normalised description, chunks separated by one space. */
  description: string;
  members: Set<IndexedService>;
}

export interface QueryTerm {
  text: string;
  /** Kana-only terms are matched against the readings; others against the title. */
  kana: boolean;
  fuzzy: boolean;
  grams: string[];
}

export function parseTerms(q: string): QueryTerm[] {
  return queryTerms(q).map((text) => {
    const kana = isKanaOnly(text);
    return { text, kana, fuzzy: fuzzyAllowed(text, kana), grams: gramsOf(text) };
  });
}

/** Best score of the term against the title or its readings (0 when neither matches). */
function titleTermScore(t: QueryTerm, entry: TitleEntry): number {
  if (!t.kana) return titleScore(t.text, entry.titleText, t.fuzzy);
  let best = 0;
  for (const r of entry.readings) best = Math.max(best, titleScore(t.text, r, t.fuzzy));
  return best;
}

/** Above this many groups, a description gram is common enough to find matches by walking titles. */
const RARE_LIST = 5000;

/** A title with its groups' score when their descriptions hold `descTerms` (see rankTitles). */
export interface RankedTitle {
  title: number;
  score: number;
  descTerms: QueryTerm[];
  length: number;
}

export class TextGroups {
  private readonly groups: TextGroup[] = [];
  private readonly titles: TitleEntry[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly byTitle = new Map<string, number>();
  private readonly titlePostings = new GramPostings(true);
  private readonly readingPostings = new GramPostings(true);
  private readonly descriptionPostings = new GramPostings(false);
  private readonly titleCounter = new HitCounter();
  private listing: number[] | null = null;
  private byLength: number[] | null = null;
  private readonly tokenizer: Tokenizer;

  constructor(tokenizer: Tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** The group id for this text, created (tokenized, normalised, indexed) on first sight. */
  intern(title: string, description: string): number {
    const key = `${title}\u0000${description}`;
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const titleId = this.internTitle(title);
    const id = this.groups.length;
    const group: TextGroup = {
      title: titleId,
      description: normaliseText(description, ' '),
      members: new Set(),
    };
    this.groups.push(group);
    this.byKey.set(key, id);
    (this.titles[titleId] as TitleEntry).groups.push(id);
    this.descriptionPostings.add(id, group.description);
    this.listing = null;
    return id;
  }

  private internTitle(title: string): number {
    const known = this.byTitle.get(title);
    if (known !== undefined) return known;
    const id = this.titles.length;
    const entry: TitleEntry = {
      title,
      titleText: normaliseText(title, ''),
      readings: readingsOf(this.tokenizer, title),
      groups: [],
    };
    this.titles.push(entry);
    this.byTitle.set(title, id);
    this.titlePostings.add(id, entry.titleText);
    for (const r of entry.readings) this.readingPostings.add(id, r);
    this.byLength = null;
    return id;
  }

  group(id: number): TextGroup {
    return this.groups[id] as TextGroup;
  }

  titleOf(group: number): TitleEntry {
    return this.titles[this.group(group).title] as TitleEntry;
  }

  /**
   * A scoring function for one query: per group, the sum over terms of the title/reading score, or
   * the description score where the title does not match; 0 when any term matches nowhere (terms
   * are ANDed). Title scores are computed once per title and query.
   */
  scorer(terms: readonly QueryTerm[]): (group: number) => number {
    const perTitle = new Map<number, Int32Array>();
    return (id) => {
      const g = this.group(id);
      let scores = perTitle.get(g.title);
      if (scores === undefined) {
        const entry = this.titles[g.title] as TitleEntry;
        scores = Int32Array.from(terms, (t) => titleTermScore(t, entry));
        perTitle.set(g.title, scores);
      }
      let total = 0;
      for (let i = 0; i < terms.length; i++) {
        // Any title match outranks a description match, so the description only matters at 0.
        const s = (scores[i] as number) || descriptionScore((terms[i] as QueryTerm).text, g.description);
        if (s === 0) return 0;
        total += s;
      }
      return total;
    };
  }

  /**
   * Titles that match at least one term by title or reading, best first, each with the score its
   * groups get when their descriptions contain the remaining terms (`descTerms`). Since any title
   * match (≥ 35) outranks a description match (20), this order is the final order of every group
   * that has a title match. Candidates come from gram counts: one edit destroys at most two of a
   * term's bigrams, so a fuzzy term needs all but two, an exact one all; each is then verified.
   */
  rankTitles(terms: readonly QueryTerm[]): RankedTitle[] {
    const matched = new Map<number, Int32Array>();
    terms.forEach((t, i) => {
      const ids: number[] = [];
      this.titleCounter.newSet(this.titles.length);
      const need = t.fuzzy ? Math.max(1, t.grams.length - 2) : t.grams.length;
      this.titleCounter.collect(t.kana ? this.readingPostings : this.titlePostings, t.grams, need, ids);
      for (const id of ids) {
        const s = titleTermScore(t, this.titles[id] as TitleEntry);
        if (s === 0) continue;
        let scores = matched.get(id);
        if (scores === undefined) {
          scores = new Int32Array(terms.length);
          matched.set(id, scores);
        }
        scores[i] = s;
      }
    });
    const ranked: RankedTitle[] = [];
    for (const [title, scores] of matched) {
      const descTerms = terms.filter((_, i) => scores[i] === 0);
      // Descriptions are matched for two characters or more only (see descriptionScore).
      if (descTerms.some((t) => t.text.length < 2)) continue;
      const score = scores.reduce((a, b) => a + b, 0) + descTerms.length * SCORE.description;
      ranked.push({ title, score, descTerms, length: (this.titles[title] as TitleEntry).titleText.length });
    }
    return ranked.sort((a, b) => b.score - a.score || a.length - b.length || a.title - b.title);
  }

  titleEntry(id: number): TitleEntry {
    return this.titles[id] as TitleEntry;
  }

  /**
   * Live groups whose description contains every term while their title matches none (score 20 per
   * term, below everything `rankTitles` yields), lazily, shorter title first. Rare words start from
   * the rarest gram's list; common ones (ます) walk titles shortest first, where a match is near.
   */
  *descriptionOnly(terms: readonly QueryTerm[], titled: ReadonlySet<number>): Generator<number> {
    if (terms.length === 0 || terms.some((t) => t.text.length < 2)) return;
    let rarest: readonly number[] = [];
    for (const t of terms) {
      for (const g of t.grams) {
        const list = this.descriptionPostings.get(g);
        if (list === undefined) return;
        if (rarest.length === 0 || list.length < rarest.length) rarest = list;
      }
    }
    const hit = (id: number) => {
      const g = this.group(id);
      return g.members.size > 0 && !titled.has(g.title) && terms.every((t) => g.description.includes(t.text));
    };
    if (rarest.length > RARE_LIST) {
      for (const title of this.titlesByLength()) {
        if (titled.has(title)) continue;
        for (const id of (this.titles[title] as TitleEntry).groups) if (hit(id)) yield id;
      }
      return;
    }
    // Lists are in group order; bucketing by title keeps it within a title.
    const byTitle = new Map<number, number[]>();
    for (const id of rarest) {
      if (!hit(id)) continue;
      const title = this.group(id).title;
      const bucket = byTitle.get(title);
      if (bucket === undefined) byTitle.set(title, [id]);
      else bucket.push(id);
    }
    const order = [...byTitle.keys()].sort((a, b) => this.compareTitleLength(a, b));
    for (const title of order) yield* byTitle.get(title) ?? [];
  }

  private compareTitleLength(a: number, b: number): number {
    return (
      (this.titles[a] as TitleEntry).titleText.length - (this.titles[b] as TitleEntry).titleText.length ||
      a - b
    );
  }

  private titlesByLength(): readonly number[] {
    if (this.byLength === null)
      this.byLength = this.titles.map((_, i) => i).sort((a, b) => this.compareTitleLength(a, b));
    return this.byLength;
  }

  /** Every group id in 五十音 order of the title's reading (code-point order of hiragana), then title. */
  listingOrder(): readonly number[] {
    if (this.listing === null) {
      this.listing = this.groups
        .map((_, i) => i)
        .sort((a, b) => compareForListing(this.titleOf(a), this.titleOf(b)) || a - b);
    }
    return this.listing;
  }

  /** Counts for the bench's memory line. */
  stats(): {
    titles: number;
    groups: number;
    titleGrams: number;
    readingGrams: number;
    descriptionGrams: number;
  } {
    return {
      titles: this.titles.length,
      groups: this.groups.length,
      titleGrams: this.titlePostings.gramCount,
      readingGrams: this.readingPostings.gramCount,
      descriptionGrams: this.descriptionPostings.gramCount,
    };
  }
}

export function compareForListing(a: TitleEntry, b: TitleEntry): number {
  const ra = a.readings[0] ?? '';
  const rb = b.readings[0] ?? '';
  if (ra !== rb) return ra < rb ? -1 : 1;
  return a.title < b.title ? -1 : a.title > b.title ? 1 : 0;
}
