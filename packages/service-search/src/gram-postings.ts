/**
 * A compact inverted index from character n-grams to text-group ids. Japanese has no spaces, so
 * bigrams stand in for words; one-character terms (犬, 税) use unigrams.
 */

/** Distinct bigrams of `s` (or its single character), skipping any that span the chunk separator. */
export function gramsOf(s: string): string[] {
  if (s.length === 1) return s === ' ' ? [] : [s];
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) {
    const g = s.slice(i, i + 2);
    if (!g.includes(' ')) out.add(g);
  }
  return [...out];
}

function unigramsOf(s: string): string[] {
  return [...new Set(s.replace(/ /g, ''))];
}

/**
 * Group ids per gram. Ids only ever get appended: a group whose services are all removed stays in the
 * lists and is skipped at search time, and comes back under the same id if its text is upserted
 * again, so churn on the same catalogue does not grow the index.
 */
export class GramPostings {
  private readonly lists = new Map<string, number[]>();
  private readonly withUnigrams: boolean;

  constructor(withUnigrams: boolean) {
    this.withUnigrams = withUnigrams;
  }

  add(group: number, text: string): void {
    const grams = this.withUnigrams ? [...gramsOf(text), ...unigramsOf(text)] : gramsOf(text);
    for (const g of new Set(grams)) {
      const list = this.lists.get(g);
      if (list === undefined) this.lists.set(g, [group]);
      else if (list[list.length - 1] !== group) list.push(group);
    }
  }

  get(gram: string): readonly number[] | undefined {
    return this.lists.get(gram);
  }

  get gramCount(): number {
    return this.lists.size;
  }
}

/**
 * Scratch space for counting gram hits per group: typed arrays sized to the group count and reused
 * across queries (a fresh Map per query costs more than the search itself at 170k groups).
 */
export class HitCounter {
  private counts = new Uint8Array(1024);
  private marks = new Uint32Array(1024);
  private epoch = 0;
  private readonly touched: number[] = [];

  private ensure(size: number): void {
    if (this.counts.length >= size) return;
    const next = Math.max(size, this.counts.length * 2);
    this.counts = new Uint8Array(next);
    const marks = new Uint32Array(next);
    marks.set(this.marks);
    this.marks = marks;
  }

  /** Starts a new set: `mark`/`isMarked` then refer to this set only. */
  newSet(groupCount: number): void {
    this.ensure(groupCount);
    this.epoch++;
    if (this.epoch === 0xffffffff) {
      this.marks.fill(0);
      this.epoch = 1;
    }
  }

  mark(group: number): boolean {
    if (this.marks[group] === this.epoch) return false;
    this.marks[group] = this.epoch;
    return true;
  }

  isMarked(group: number): boolean {
    return this.marks[group] === this.epoch;
  }

  /**
   * Groups holding at least `need` of `grams` in `postings`, appended to `out` unless already marked
   * in the current set (a group found through the title and the description counts once).
   */
  collect(postings: GramPostings, grams: readonly string[], need: number, out: number[]): void {
    const { counts, touched } = this;
    for (const g of grams) {
      const list = postings.get(g);
      if (list === undefined) continue;
      for (let k = 0; k < list.length; k++) {
        const id = list[k] as number;
        if (counts[id] === 0) touched.push(id);
        counts[id] = (counts[id] as number) + 1;
      }
    }
    for (const id of touched) {
      if ((counts[id] as number) >= need && this.mark(id)) out.push(id);
      counts[id] = 0;
    }
    touched.length = 0;
  }
}
