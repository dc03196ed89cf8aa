import type { ServiceDefinition } from '@madoguchi/catalogue';
import {
  buildIndex,
  type SearchableService,
  type SearchQuery,
  type ServiceIndex,
  type Tokenizer,
} from '@madoguchi/service-search';

/**
 * The portal's copy of the catalogue (ぴったりサービス): every published definition by
 * (municipality, id), and the search index over them. Definitions arrive from the agency's feed;
 * the index exists only once kuromoji has loaded, so until then pages say 準備中 instead of
 * answering "no results" for a catalogue that is really there.
 */

/** One entry of the agency feed (docs: contract-catalogue-feed). */
export interface FeedItem {
  version: number;
  municipality: string;
  id: string;
  deleted: boolean;
  definition: ServiceDefinition | null;
}

export type CatalogueState = 'ready' | 'index_loading' | 'catalogue_unavailable';

export interface CatalogueHit {
  definition: ServiceDefinition;
  score: number;
}

/** Totals are counted up to this many matches (the index never ranks more in one call). */
export const MAX_COUNTED = 1000;

/** Ids are the same slug in every municipality, so the index keys services by both. */
export const serviceKey = (municipality: string, id: string): string => `${municipality}/${id}`;

function searchable(def: ServiceDefinition): SearchableService {
  return {
    id: serviceKey(def.municipality, def.id),
    municipality: def.municipality,
    title: def.title,
    description: def.description.ja,
    category: def.category,
    lifeEvents: def.lifeEvents,
  };
}

export function createCatalogueStore() {
  const definitions = new Map<string, ServiceDefinition>();
  let index: ServiceIndex | undefined;
  let syncedAt: Date | null = null;
  let cursor = 0;
  let municipalityList: string[] | undefined;

  return {
    /** Builds the index (from whatever the feed has delivered so far); later items go straight in. */
    useTokenizer(tokenizer: Tokenizer): void {
      const built = buildIndex([], tokenizer);
      for (const def of definitions.values()) built.upsert(searchable(def));
      index = built;
    },

    /** The feed's latest state of one service: an upsert, or a tombstone that removes it. */
    apply(item: FeedItem): void {
      const key = serviceKey(item.municipality, item.id);
      municipalityList = undefined;
      if (item.deleted || item.definition === null) {
        definitions.delete(key);
        index?.remove(key);
      } else {
        definitions.set(key, item.definition);
        index?.upsert(searchable(item.definition));
      }
    },

    /** The version after which the next poll asks (the feed's `next`). */
    get cursor(): number {
      return cursor;
    },
    markSynced(next: number, at: Date): void {
      cursor = next;
      syncedAt = at;
    },
    get syncedAt(): Date | null {
      return syncedAt;
    },

    get size(): number {
      return definitions.size;
    },

    /** Search needs both the index and at least one successful sync; pages only the latter. */
    state(): CatalogueState {
      if (syncedAt === null) return 'catalogue_unavailable';
      return index === undefined ? 'index_loading' : 'ready';
    },

    get(municipality: string, id: string): ServiceDefinition | undefined {
      return definitions.get(serviceKey(municipality, id));
    },

    /** Codes of the municipalities that publish at least one service, ascending. */
    municipalities(): string[] {
      municipalityList ??= [...new Set([...definitions.values()].map((d) => d.municipality))].sort();
      return municipalityList;
    },

    /**
     * Ranked definitions for the query, plus how many matched (counted up to MAX_COUNTED).
     * Undefined while the index is not built.
     */
    search(query: SearchQuery): { hits: CatalogueHit[]; total: number } | undefined {
      if (index === undefined) return undefined;
      const limit = query.limit ?? 20;
      const all = index.search({ ...query, limit: MAX_COUNTED });
      const hits: CatalogueHit[] = [];
      for (const h of all) {
        if (hits.length >= limit) break;
        const definition = definitions.get(h.id);
        if (definition) hits.push({ definition, score: h.score });
      }
      return { hits, total: all.length };
    },
  };
}

export type CatalogueStore = ReturnType<typeof createCatalogueStore>;
