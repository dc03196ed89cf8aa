/**
 * @madoguchi/service-search — in-process search over the service catalogue (ぴったりサービス):
 * Japanese free text with readings and typo tolerance, municipality/category/life-event filters.
 */
export { normaliseQuery } from './normalise.ts';
export { buildIndex, indexStats } from './service-index.ts';
export { createTokenizer, readingsOf, type Tokenizer } from './tokenizer.ts';
export type { SearchableService, SearchHit, SearchQuery, ServiceIndex } from './types.ts';
