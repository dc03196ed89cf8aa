/**
 * The in-process index behind ぴったりサービス search: free text (kana finds kanji titles through
 * readings, one typo tolerated), filters by municipality, category and life event, kept in sync by
 * upsert/remove. Two search paths give the same ranking — score, then shorter title, then the title
 * and the text indexed first:
 *  - with a municipality: its ~100 services are scored directly (no postings needed);
 *  - without: titles found through n-gram postings are ranked, then expanded to services.
 */

import { SCORE } from './match.ts';
import {
  compareForListing,
  type IndexedService,
  parseTerms,
  type QueryTerm,
  TextGroups,
} from './text-groups.ts';
import type { Tokenizer } from './tokenizer.ts';
import type { SearchableService, SearchHit, SearchQuery, ServiceIndex } from './types.ts';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;

type Accept = (s: IndexedService) => boolean;

class InMemoryServiceIndex implements ServiceIndex {
  private readonly texts: TextGroups;
  private readonly byId = new Map<string, IndexedService>();
  private readonly byMunicipality = new Map<string, Set<IndexedService>>();

  constructor(tokenizer: Tokenizer) {
    this.texts = new TextGroups(tokenizer);
  }

  get size(): number {
    return this.byId.size;
  }

  upsert(service: SearchableService): void {
    this.remove(service.id);
    const stored: IndexedService = {
      id: service.id,
      municipality: service.municipality,
      category: service.category,
      lifeEvents: [...service.lifeEvents],
      group: this.texts.intern(service.title, service.description),
    };
    this.texts.group(stored.group).members.add(stored);
    this.byId.set(stored.id, stored);
    let local = this.byMunicipality.get(stored.municipality);
    if (local === undefined) {
      local = new Set();
      this.byMunicipality.set(stored.municipality, local);
    }
    local.add(stored);
  }

  remove(id: string): void {
    const stored = this.byId.get(id);
    if (stored === undefined) return;
    this.byId.delete(id);
    this.texts.group(stored.group).members.delete(stored);
    const local = this.byMunicipality.get(stored.municipality);
    local?.delete(stored);
    if (local?.size === 0) this.byMunicipality.delete(stored.municipality);
  }

  search(query: SearchQuery): SearchHit[] {
    const requested = Number.isFinite(query.limit) ? (query.limit as number) : DEFAULT_LIMIT;
    const limit = Math.min(Math.max(1, Math.floor(requested)), MAX_LIMIT);
    const terms = parseTerms(query.q ?? '');
    // Empty strings come from blank form fields and mean "no filter".
    const category = query.category || undefined;
    const lifeEvent = query.lifeEvent || undefined;
    const accept: Accept = (s) =>
      (category === undefined || s.category === category) &&
      (lifeEvent === undefined || s.lifeEvents.includes(lifeEvent));
    if (query.municipality) return this.searchMunicipality(query.municipality, terms, accept, limit);
    if (terms.length === 0) return this.listAll(accept, limit);
    return this.searchAll(terms, accept, limit);
  }

  private searchMunicipality(code: string, terms: QueryTerm[], accept: Accept, limit: number): SearchHit[] {
    const local = this.byMunicipality.get(code);
    if (local === undefined) return [];
    const score = this.texts.scorer(terms);
    const hits: { s: IndexedService; score: number }[] = [];
    for (const s of local) {
      if (!accept(s)) continue;
      if (terms.length === 0) hits.push({ s, score: 0 });
      else {
        const points = score(s.group);
        if (points > 0) hits.push({ s, score: points });
      }
    }
    const title = (s: IndexedService) => this.texts.titleOf(s.group);
    if (terms.length === 0) {
      hits.sort((a, b) => compareForListing(title(a.s), title(b.s)) || compareIds(a.s.id, b.s.id));
    } else {
      hits.sort(
        (a, b) =>
          b.score - a.score ||
          title(a.s).titleText.length - title(b.s).titleText.length ||
          this.texts.group(a.s.group).title - this.texts.group(b.s.group).title ||
          a.s.group - b.s.group ||
          compareIds(a.s.id, b.s.id),
      );
    }
    return hits.slice(0, limit).map(({ s, score }) => ({ id: s.id, score }));
  }

  /**
   * Nationwide: titles in rank order, each expanded to its groups (checking descriptions where the
   * title leaves terms unmatched) until `limit` services are taken; groups matched only through
   * their description come last, as they score lowest. Common words (申請) stop after a few titles.
   */
  private searchAll(terms: QueryTerm[], accept: Accept, limit: number): SearchHit[] {
    const hits: SearchHit[] = [];
    const ranked = this.texts.rankTitles(terms);
    for (const entry of ranked) {
      for (const id of this.texts.titleEntry(entry.title).groups) {
        const g = this.texts.group(id);
        if (g.members.size === 0) continue;
        if (entry.descTerms.length > 0 && !entry.descTerms.every((t) => g.description.includes(t.text)))
          continue;
        this.take(id, entry.score, accept, limit, hits);
        if (hits.length >= limit) return hits;
      }
    }
    const score = terms.length * SCORE.description;
    for (const id of this.texts.descriptionOnly(terms, new Set(ranked.map((r) => r.title)))) {
      this.take(id, score, accept, limit, hits);
      if (hits.length >= limit) break;
    }
    return hits;
  }

  private listAll(accept: Accept, limit: number): SearchHit[] {
    const hits: SearchHit[] = [];
    for (const group of this.texts.listingOrder()) {
      if (hits.length >= limit) break;
      this.take(group, 0, accept, limit, hits);
    }
    return hits;
  }

  /** Appends the group's accepted services (in insertion order) until `hits` holds `limit`. */
  private take(group: number, score: number, accept: Accept, limit: number, hits: SearchHit[]): void {
    for (const s of this.texts.group(group).members) {
      if (hits.length >= limit) return;
      if (accept(s)) hits.push({ id: s.id, score });
    }
  }

  stats(): ReturnType<TextGroups['stats']> & { services: number; municipalities: number } {
    return { ...this.texts.stats(), services: this.byId.size, municipalities: this.byMunicipality.size };
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Builds the index from any iterable (an array, a generator, a catalogue cursor). */
export function buildIndex(services: Iterable<SearchableService>, tokenizer: Tokenizer): ServiceIndex {
  const index = new InMemoryServiceIndex(tokenizer);
  for (const s of services) index.upsert(s);
  return index;
}

/** Internal counts of an index built by `buildIndex` (for benches and ops); undefined for others. */
export function indexStats(index: ServiceIndex): ReturnType<InMemoryServiceIndex['stats']> | undefined {
  return index instanceof InMemoryServiceIndex ? index.stats() : undefined;
}
