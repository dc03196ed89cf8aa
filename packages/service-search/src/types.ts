/** A service as the search index needs it (the catalogue holds the full record). */
export interface SearchableService {
  id: string;
  /** 地方公共団体コード, 6 digits (a 政令市's ward has its own). */
  municipality: string;
  title: string;
  description: string;
  category: string;
  lifeEvents: string[];
}

export interface SearchQuery {
  /** Free text; terms separated by spaces must all match. Empty lists by 五十音 order of the title. */
  q?: string;
  municipality?: string;
  category?: string;
  lifeEvent?: string;
  /** Default 20, at most 1000. */
  limit?: number;
}

export interface SearchHit {
  id: string;
  /** Higher is better; 0 for listings without a query. Comparable within one result list only. */
  score: number;
}

export interface ServiceIndex {
  search(query: SearchQuery): SearchHit[];
  /** Adds the service, or replaces the one with the same id. */
  upsert(service: SearchableService): void;
  /** Removes the service; unknown ids are ignored. */
  remove(id: string): void;
  /** Number of services in the index. */
  readonly size: number;
}
