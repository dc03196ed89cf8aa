/**
 * The sequencer: moves write-ahead rows (log_pending) into the tree. One batch is one transaction —
 * take the pending rows, give them the next contiguous indexes, store leaves and completed nodes,
 * sign one checkpoint — so a crash at any point leaves either the whole batch or none of it, and the
 * pending rows of an unfinished batch are simply taken again. A transaction-scoped advisory lock
 * makes it one sequencer at a time across hub processes.
 */
import { type Kysely, sql } from '@madoguchi/db';
import { emptyRoot, signCheckpoint } from '@madoguchi/merkle-log';
import type { HubDB } from '../data/schema.ts';
import type { LogKey } from './log-key.ts';
import { currentSize, insertCheckpoint, latestCheckpoint, restoreFrontier } from './tree-store.ts';

const LOCK_NAME = 'madoguchi.hub.log-sequencer';

export const DEFAULT_BATCH_SIZE = 5000;

/** Sequences up to `batchSize` pending entries in the given transaction; returns how many (0 when another holds the lock). */
export async function sequenceInTransaction(
  trx: Kysely<HubDB>,
  key: LogKey,
  batchSize: number = DEFAULT_BATCH_SIZE,
): Promise<number> {
  const { rows: lock } = await sql<{ ok: boolean }>`
    select pg_try_advisory_xact_lock(hashtext(${LOCK_NAME})) as ok`.execute(trx);
  if (!lock[0]?.ok) return 0;
  const size = await currentSize(trx);
  const leaves = await moveBatch(trx, size, batchSize);
  if (leaves.length === 0) return 0;
  const frontier = await restoreFrontier(trx, size);
  const nodes = new NodeBatch();
  for (const leaf of leaves) frontier.append(leaf, nodes.sink);
  const rootHash = frontier.root();
  const note = signCheckpoint({ origin: key.origin, size: frontier.size, rootHash }, key.signer);
  await insertNodesAndCheckpoint(trx, nodes, { size: frontier.size, rootHash, note });
  return leaves.length;
}

/**
 * Takes up to `limit` pending rows in seq order and inserts them as leaves size, size + 1, … in one
 * statement, hashing in PostgreSQL (SHA-256 of 0x00 || UTF-8 text, RFC 9162 §2.1.1): entry texts
 * never travel to the hub and back. Returns the stored leaf hashes in index order, for the tree.
 */
async function moveBatch(trx: Kysely<HubDB>, size: number, limit: number): Promise<Buffer[]> {
  const { rows } = await sql<{ leaf_hash: Buffer }>`
    with taken as (
      delete from log_pending where seq in (select seq from log_pending order by seq limit ${limit})
      returning *
    ), numbered as (
      select t.*, ${size}::bigint + row_number() over (order by seq) - 1 as idx,
             sha256(decode('00', 'hex') || convert_to(t.body, 'UTF8')) as leaf_hash
        from taken t
    ), inserted as (
      insert into log_entry (idx, entry_id, person, at, querier, provider, task, outcome, body, leaf_hash)
      select idx, entry_id, person, at, querier, provider, task, outcome, body, leaf_hash from numbered
    )
    select leaf_hash from numbered order by idx`.execute(trx);
  return rows.map((r) => r.leaf_hash);
}

/** Interior nodes completed by appends, collected for one insert (level 0 lives in log_entry). */
export class NodeBatch {
  readonly level: number[] = [];
  readonly idx: number[] = [];
  readonly hashes: Buffer[] = [];
  readonly sink = (level: number, index: number, hash: Buffer): void => {
    if (level === 0) return;
    this.level.push(level);
    this.idx.push(index);
    this.hashes.push(hash);
  };
}

/**
 * Nodes (hashes as one concatenated bytea: no per-element escaping) and, when given, the checkpoint,
 * in one statement.
 */
export async function insertNodesAndCheckpoint(
  trx: Kysely<HubDB>,
  nodes: NodeBatch,
  cp?: { size: number; rootHash: Buffer; note: string },
): Promise<void> {
  const insertNodes = sql`insert into log_node (level, idx, hash)
      select l, i, substring(${Buffer.concat(nodes.hashes)}::bytea from (o - 1)::int * 32 + 1 for 32)
        from unnest(${nodes.level}::smallint[], ${nodes.idx}::bigint[]) with ordinality as w(l, i, o)`;
  if (!cp) {
    await insertNodes.execute(trx);
    return;
  }
  await sql`with nodes as (${insertNodes})
    insert into log_checkpoint (size, root_hash, note) values (${cp.size}, ${cp.rootHash}, ${cp.note})`.execute(
    trx,
  );
}

/** One batch in its own transaction. */
export function sequenceBatch(
  db: Kysely<HubDB>,
  key: LogKey,
  batchSize = DEFAULT_BATCH_SIZE,
): Promise<number> {
  return db.transaction().execute((trx) => sequenceInTransaction(trx, key, batchSize));
}

/** An empty log still has a signed checkpoint (size 0, root = SHA-256 of nothing). */
export async function ensureInitialCheckpoint(db: Kysely<HubDB>, key: LogKey): Promise<void> {
  if (await latestCheckpoint(db)) return;
  const rootHash = emptyRoot();
  const note = signCheckpoint({ origin: key.origin, size: 0, rootHash }, key.signer);
  await insertCheckpoint(db, { size: 0, rootHash, note });
}

export interface SequencerOptions {
  db: Kysely<HubDB>;
  key: LogKey;
  batchSize?: number;
  /** Poll interval when idle: picks up entries other hub processes decided. */
  idleMs?: number;
  /** wake() calls within this window coalesce into one batch. */
  debounceMs?: number;
  onError?: (err: unknown) => void;
  /** Called after each batch that sequenced entries (and so signed a new checkpoint). */
  onBatch?: (sequenced: number) => void;
}

/** Runs batches on a timer and on wake(); stop() waits for the batch in flight. */
export class LogSequencer {
  readonly #opts: Required<Omit<SequencerOptions, 'onError' | 'onBatch'>> &
    Pick<SequencerOptions, 'onError' | 'onBatch'>;
  #stopped = false;
  #loop: Promise<void> | undefined;
  #sleepTimer: NodeJS.Timeout | undefined;
  #wakeTimer: NodeJS.Timeout | undefined;
  #resolveSleep: (() => void) | undefined;
  #woken = false;

  constructor(options: SequencerOptions) {
    this.#opts = { batchSize: DEFAULT_BATCH_SIZE, idleMs: 100, debounceMs: 20, ...options };
  }

  start(): void {
    if (this.#loop) return;
    this.#loop = this.#run();
  }

  /** Asks for a batch soon (after the debounce window), e.g. after a decision commits. */
  wake(): void {
    if (this.#stopped || this.#wakeTimer) return;
    this.#wakeTimer = setTimeout(() => {
      this.#wakeTimer = undefined;
      this.#woken = true;
      this.#resolveSleep?.();
    }, this.#opts.debounceMs);
    this.#wakeTimer.unref();
  }

  /** Sequences until nothing is pending (for tests and graceful shutdown). */
  async flush(): Promise<void> {
    const { db, key, batchSize } = this.#opts;
    for (;;) {
      const n = await sequenceBatch(db, key, batchSize);
      if (n > 0) {
        this.#opts.onBatch?.(n);
        continue;
      }
      const { rows } = await sql<{ any: boolean }>`select exists (select 1 from log_pending) as any`.execute(
        db,
      );
      if (!rows[0]?.any) return;
      // Another process holds the lock and is sequencing: give it a moment.
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#wakeTimer);
    this.#resolveSleep?.();
    await this.#loop;
  }

  async #run(): Promise<void> {
    const { db, key, batchSize, idleMs } = this.#opts;
    let delay = 0;
    while (!this.#stopped) {
      try {
        await ensureInitialCheckpoint(db, key);
        break;
      } catch (err) {
        this.#opts.onError?.(err);
        await this.#sleep(1000);
      }
    }
    while (!this.#stopped) {
      if (delay > 0) await this.#sleep(delay);
      if (this.#stopped) break;
      this.#woken = false;
      try {
        const n = await sequenceBatch(db, key, batchSize);
        if (n > 0) this.#opts.onBatch?.(n);
        // A full batch means more is probably waiting: go again at once.
        delay = n >= batchSize ? 0 : idleMs;
      } catch (err) {
        this.#opts.onError?.(err);
        delay = 1000;
      }
    }
  }

  #sleep(ms: number): Promise<void> {
    if (this.#woken) return Promise.resolve();
    return new Promise((resolve) => {
      this.#resolveSleep = () => {
        clearTimeout(this.#sleepTimer);
        this.#resolveSleep = undefined;
        resolve();
      };
      this.#sleepTimer = setTimeout(() => this.#resolveSleep?.(), ms);
      this.#sleepTimer.unref();
    });
  }
}
