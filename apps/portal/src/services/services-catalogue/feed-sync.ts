import { checkDefinition, type ServiceDefinition } from '@madoguchi/catalogue';
import type { CatalogueStore, FeedItem } from './catalogue-store.ts';

/**
 * Follows the agency's catalogue feed (GET /api/public/catalogue/services?after=&limit=): at boot
 * and every `intervalSeconds`, pages from the last `next` until a page comes back empty. The feed
 * holds only the latest state of each service, so a follower that missed versions still converges.
 */

export const FEED_PATH = '/api/public/catalogue/services';
export const PAGE_LIMIT = 500;
const TIMEOUT_MS = 10_000;
/** A feed that never ends (a broken `next`) must not keep the portal busy forever. */
const MAX_PAGES_PER_SYNC = 10_000;
/** Until the first sync succeeds, retries come this often whatever the interval (agency starting up). */
const FIRST_RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

export interface SyncResult {
  pages: number;
  applied: number;
  /** Items whose definition failed checkDefinition: skipped, the previous state is kept. */
  rejected: number;
  next: number;
}

/** The agency answered something that is not the contract's feed; the sync stops, nothing half-applied. */
export class FeedFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedFormatError';
  }
}

export interface SyncLog {
  warn(detail: Record<string, unknown>, msg: string): void;
  info(detail: Record<string, unknown>, msg: string): void;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isVersion = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

function parseItem(raw: unknown, at: number): FeedItem {
  if (!isRecord(raw)) throw new FeedFormatError(`items/${at} is not an object`);
  const { version, municipality, id, deleted, definition } = raw;
  if (!isVersion(version) || typeof municipality !== 'string' || typeof id !== 'string')
    throw new FeedFormatError(`items/${at} lacks version, municipality or id`);
  if (typeof deleted !== 'boolean') throw new FeedFormatError(`items/${at}/deleted is not a boolean`);
  if (deleted) return { version, municipality, id, deleted, definition: null };
  return { version, municipality, id, deleted, definition: definition as ServiceDefinition };
}

/** The page's envelope, checked as the contract states it; definitions are checked one by one. */
export function parseFeedPage(body: unknown, after: number): { items: FeedItem[]; next: number } {
  if (!isRecord(body) || !Array.isArray(body.items) || !isVersion(body.next))
    throw new FeedFormatError('not { items: [], next: integer }');
  const items = body.items.map(parseItem);
  let last = after;
  for (const item of items) {
    if (item.version <= last) throw new FeedFormatError('versions are not ascending after `after`');
    last = item.version;
  }
  if (items.length > 0 && body.next !== last) throw new FeedFormatError('`next` is not the last version');
  return { items, next: body.next };
}

/** Why a definition is not taken: its own problems, or it names another service than the item. */
function problemsOf(item: FeedItem): string[] {
  const def = item.definition;
  const issues = checkDefinition(def).map((i) => `${i.path} ${i.message}`);
  if (issues.length === 0 && (def?.municipality !== item.municipality || def.id !== item.id))
    issues.push('definition does not match the item’s municipality and id');
  return issues;
}

export function createFeedSync(options: {
  agencyUrl: string;
  store: CatalogueStore;
  log: SyncLog;
  intervalSeconds: number;
  /** Called before the first item is applied: the search dictionary loads only once there is a catalogue. */
  onFirstItem?: () => void;
}) {
  const { store, log } = options;
  let seenItem = false;
  let running: Promise<SyncResult> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let failures = 0;

  async function fetchPage(after: number): Promise<{ items: FeedItem[]; next: number }> {
    const url = new URL(FEED_PATH, options.agencyUrl);
    url.searchParams.set('after', String(after));
    url.searchParams.set('limit', String(PAGE_LIMIT));
    const res = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new Error(`catalogue feed answered ${res.status}`);
    }
    return parseFeedPage(await res.json(), after);
  }

  async function run(): Promise<SyncResult> {
    const result: SyncResult = { pages: 0, applied: 0, rejected: 0, next: store.cursor };
    for (let page = 0; page < MAX_PAGES_PER_SYNC; page++) {
      const { items, next } = await fetchPage(result.next);
      result.pages++;
      for (const item of items) {
        const problems = item.deleted ? [] : problemsOf(item);
        if (problems.length > 0) {
          result.rejected++;
          log.warn(
            { municipality: item.municipality, service: item.id, problems: problems.slice(0, 5) },
            'catalogue definition rejected',
          );
          continue;
        }
        if (!seenItem) {
          seenItem = true;
          options.onFirstItem?.();
        }
        store.apply(item);
        result.applied++;
      }
      // Each page is committed as it comes: a failure later resumes after it, not from scratch.
      result.next = next;
      store.markSynced(next, new Date());
      if (items.length === 0) return result;
    }
    return result;
  }

  /** One sync now; a call while one runs joins it (never two readers of the same cursor). */
  function syncNow(): Promise<SyncResult> {
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    const first = store.syncedAt === null;
    if (!first && options.intervalSeconds === 0) return;
    const ms = first
      ? (FIRST_RETRY_MS[Math.min(failures - 1, FIRST_RETRY_MS.length - 1)] ?? 1_000)
      : options.intervalSeconds * 1000;
    timer = setTimeout(tick, ms);
    // Never keeps the process alive on its own (tests, shutdown).
    timer.unref();
  }

  function tick(): void {
    syncNow().then(
      (r) => {
        failures = 0;
        if (r.applied > 0 || r.rejected > 0) log.info({ ...r, services: store.size }, 'catalogue synced');
        schedule();
      },
      (err: unknown) => {
        failures++;
        // The portal runs on without the catalogue; the search pages say 準備中 meanwhile.
        log.warn({ err: err instanceof Error ? err.message : String(err) }, 'catalogue feed unavailable');
        schedule();
      },
    );
  }

  return {
    syncNow,
    /** First sync in the background (boot never waits for the agency), then polling. */
    start(): void {
      stopped = false;
      tick();
    },
    /** Stops polling; resolves once a sync in flight has ended. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}

export type FeedSync = ReturnType<typeof createFeedSync>;
