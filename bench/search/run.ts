/**
 * `node bench/search/run.ts` (npm script `bench:search`): the service-search index at national scale.
 *  1. generate ~170k services (every municipality and 政令市 ward × ~100 templates), build the index,
 *     print build time and memory;
 *  2. run the 50 queries of queries.ts for BENCH_SEARCH_ROUNDS rounds (default 20) after one warm-up:
 *     p50/p95/p99 latency, split by path (in a municipality / nationwide), and recall@5;
 *  3. the same queries with a naive linear scan (`title.includes` per term) as the baseline;
 *  4. upsert/remove cost on the built index.
 * BENCH_SEARCH_DISTINCT=1 gives every service its own text (the index's worst case, see README).
 * Target (issue 7): p95 < 10 ms per query.
 */
import { cpus } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  generateServices,
  type LocalGovernment,
  localGovernments,
  offers,
  templateKeyOf,
} from '../../packages/service-search/src/generate-services.ts';
import {
  buildIndex,
  createTokenizer,
  indexStats,
  type SearchableService,
  type SearchHit,
  type ServiceIndex,
} from '../../packages/service-search/src/index.ts';
import { TEMPLATES } from '../../packages/service-search/src/service-templates.ts';
import { type BenchQuery, QUERIES } from './queries.ts';

const rounds = Number(process.env.BENCH_SEARCH_ROUNDS ?? 20);
const distinctTexts = process.env.BENCH_SEARCH_DISTINCT === '1';
const say = (s: string) => process.stdout.write(`${s}\n`);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

/** Deterministic municipality per query among those offering the expected template. */
function municipalityFor(query: BenchQuery, lgs: LocalGovernment[]): string {
  const template = TEMPLATES.find((t) => t.key === query.expect);
  if (template === undefined) throw new Error(`unknown template ${query.expect}`);
  let h = 0;
  for (const c of query.q) h = (h * 31 + (c.codePointAt(0) ?? 0)) >>> 0;
  for (let k = 0; k < lgs.length; k++) {
    const lg = lgs[(h + k * 7919) % lgs.length] as LocalGovernment;
    if (offers(lg, template)) return lg.code;
  }
  throw new Error(`no municipality offers ${query.expect}`);
}

interface Case {
  query: BenchQuery;
  municipality: string;
}

type Searcher = (c: Case) => SearchHit[] | string[];

function hitIds(r: SearchHit[] | string[]): string[] {
  return r.map((h) => (typeof h === 'string' ? h : h.id));
}

/** Recall@5: the expected template among the first five hits (in the query's municipality when local). */
function found(c: Case, ids: string[]): boolean {
  return ids.slice(0, 5).some((id) => templateKeyOf(id) === c.query.expect);
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function latencyLine(label: string, samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(3);
  return `| ${label} | ${s.length} | ${f(pct(s, 50))} | ${f(pct(s, 95))} | ${f(pct(s, 99))} | ${f(s[s.length - 1] ?? 0)} |`;
}

function runSet(name: string, cases: Case[], search: Searcher, n: number): void {
  for (const c of cases) search(c); // warm-up
  const local: number[] = [];
  const national: number[] = [];
  for (let r = 0; r < n; r++) {
    for (const c of cases) {
      const t0 = performance.now();
      search(c);
      (c.query.local ? local : national).push(performance.now() - t0);
    }
  }
  const misses = cases.filter((c) => !found(c, hitIds(search(c))));
  say(`\n### ${name} (${n} rounds × ${cases.length} queries, ms)`);
  say('| path | n | p50 | p95 | p99 | max |\n| --- | --- | --- | --- | --- | --- |');
  say(latencyLine('all', [...local, ...national]));
  say(latencyLine('in a municipality', local));
  say(latencyLine('nationwide', national));
  say(`recall@5: ${cases.length - misses.length}/${cases.length}`);
  for (const kind of ['hiragana', 'katakana', 'kanji', 'partial', 'two-word', 'typo'] as const) {
    const of = cases.filter((c) => c.query.kind === kind);
    say(`  ${kind}: ${of.length - misses.filter((m) => m.query.kind === kind).length}/${of.length}`);
  }
  for (const m of misses)
    say(`  miss: ${m.query.q} (${m.query.local ? m.municipality : 'nationwide'}) → ${m.query.expect}`);
}

/** The baseline: what a first implementation would do — scan every title for every raw term. */
function naiveSearch(services: SearchableService[]): Searcher {
  return ({ query, municipality }) => {
    const terms = query.q.trim().split(/\s+/);
    const hits: SearchableService[] = [];
    for (const s of services) {
      if (query.local && s.municipality !== municipality) continue;
      if (terms.every((t) => s.title.includes(t))) hits.push(s);
    }
    return hits
      .sort((a, b) => a.title.length - b.title.length)
      .slice(0, 20)
      .map((s) => s.id);
  };
}

function measureSync(index: ServiceIndex, services: SearchableService[]): void {
  const sample = services.filter((_, i) => i % 170 === 0);
  let t0 = performance.now();
  for (const s of sample) index.upsert({ ...s, title: `${s.title}(改訂)` });
  const changed = (performance.now() - t0) / sample.length;
  t0 = performance.now();
  for (const s of sample) index.remove(s.id);
  const removed = (performance.now() - t0) / sample.length;
  t0 = performance.now();
  for (const s of sample) index.upsert(s);
  const restored = (performance.now() - t0) / sample.length;
  say(`\n### sync (${sample.length} services)`);
  say(
    `upsert with a new title: ${(changed * 1000).toFixed(1)} µs; remove: ${(removed * 1000).toFixed(1)} µs; upsert back: ${(restored * 1000).toFixed(1)} µs`,
  );
}

say(
  `# bench:search — ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'})`,
);
say(`texts: ${distinctTexts ? 'distinct per service (worst case)' : 'shared templates (realistic)'}`);
const lgs = localGovernments();
let t0 = performance.now();
const services = [...generateServices({ distinctTexts })];
say(
  `generated ${services.length} services for ${lgs.length} local governments in ${Math.round(performance.now() - t0)} ms`,
);

t0 = performance.now();
const tokenizer = await createTokenizer();
say(`kuromoji dictionary loaded in ${Math.round(performance.now() - t0)} ms`);
const heapBefore = heapMb();
t0 = performance.now();
const index = buildIndex(services, tokenizer);
const buildMs = performance.now() - t0;
const heapAfter = heapMb();
say(
  `index built in ${Math.round(buildMs)} ms; heap +${Math.round(heapAfter - heapBefore)} MB (services array and dictionary excluded); rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`,
);
say(`index: ${JSON.stringify(indexStats(index))}`);

const cases: Case[] = QUERIES.map((query) => ({ query, municipality: municipalityFor(query, lgs) }));
runSet(
  'index',
  cases,
  ({ query, municipality }) =>
    index.search({ q: query.q, ...(query.local ? { municipality } : {}), limit: 20 }),
  rounds,
);
runSet(
  'baseline: linear scan with String.includes',
  cases,
  naiveSearch(services),
  Math.max(1, Math.floor(rounds / 4)),
);
measureSync(index, services);
