/**
 * Fills the exchange log with synthetic entries straight in the database, for benchmarks: real
 * canonical entries, real leaf hashes and interior nodes (the frontier in-process, batched unnest
 * inserts) and one signed checkpoint at the end, so proofs and person queries on the result are
 * exactly what production would serve. Holds the sequencer's lock per chunk, so it can run against
 * a live hub; a crash between chunks leaves a consistent tree the sequencer simply continues.
 */
import { createHash, randomUUID } from 'node:crypto';
import { type Kysely, sql } from '@madoguchi/db';
import { canonicalEntry, type LogEntry, leafHashOfEntry } from '@madoguchi/exchange';
import { type MerkleFrontier, signCheckpoint } from '@madoguchi/merkle-log';
import type { HubDB } from '../data/schema.ts';
import type { LogKey } from './log-key.ts';
import { insertNodesAndCheckpoint, NodeBatch } from './sequencer.ts';
import { currentSize, insertCheckpoint, restoreFrontier } from './tree-store.ts';

/** The portal link code of synthetic person `i` (22 base64url characters, like a real one). */
export function syntheticPerson(i: number): string {
  return createHash('sha256').update(`madoguchi synthetic person ${i}`).digest('base64url').slice(0, 22);
}

/** Lawful-looking exchanges (querier, task, provider, info types) drawn in turn. */
const SHAPES: readonly [string, string, string, string[]][] = [
  ['jps', 'kokunen-menjo', '131016', ['chihouzei']],
  ['131016', 'jidou-teate', '131121', ['chihouzei', 'juminhyo']],
  ['130001', 'jidou-fuyou-teate', '131016', ['juminhyo']],
  ['kyokai-kenpo', 'shoubyou-teatekin', 'jps', ['nenkin-kyufu']],
  ['portal', 'honnin-kaiji', '011002', ['chihouzei']],
];
const TABLE_VERSION = createHash('sha256').update('synthetic law table').digest('hex');

export interface GenerateOptions {
  db: Kysely<HubDB>;
  key: LogKey;
  /** How many entries to add (after whatever the log already holds). */
  entries: number;
  /** Entries are spread round-robin over this many synthetic persons. */
  persons: number;
  /** Entries per transaction (default 100 000) and per insert statement (default 10 000). */
  chunk?: number;
  batch?: number;
  /** `at` of the first entry (default: one year ago); each following entry is 1 s later. */
  start?: Date;
  onProgress?: (done: number) => void;
}

export interface GenerateResult {
  size: number;
  checkpoint: string;
  ms: number;
}

function syntheticEntry(n: number, person: string, atMs: number): LogEntry {
  const [querier, task, provider, infoTypes] = SHAPES[n % SHAPES.length] as [
    string,
    string,
    string,
    string[],
  ];
  const refused = n % 17 === 0;
  return {
    v: 1,
    id: randomUUID(),
    at: new Date(atMs).toISOString(),
    querier,
    provider,
    task,
    infoTypes,
    person,
    outcome: refused ? 'refused' : 'permitted',
    reason: refused ? 'no_row' : null,
    tableVersion: TABLE_VERSION,
  };
}

/** Leaves first, first + 1, …: every column as one JSON array (native to encode, one pass to parse). */
async function insertLeaves(
  trx: Kysely<HubDB>,
  first: number,
  entries: LogEntry[],
  bodies: string[],
  leaves: Buffer[],
) {
  const col = (f: (e: LogEntry) => string) => JSON.stringify(entries.map(f));
  await sql`insert into log_entry (idx, entry_id, person, at, querier, provider, task, outcome, body, leaf_hash)
    select ${first}::bigint + t.o - 1, id::uuid, person, at::timestamptz, querier, provider, task, outcome, body,
           substring(${Buffer.concat(leaves)}::bytea from (t.o - 1)::int * 32 + 1 for 32)
      from rows from (
        json_array_elements_text(${col((e) => e.id)}::json), json_array_elements_text(${col((e) => e.person)}::json),
        json_array_elements_text(${col((e) => e.at)}::json), json_array_elements_text(${col((e) => e.querier)}::json),
        json_array_elements_text(${col((e) => e.provider)}::json), json_array_elements_text(${col((e) => e.task)}::json),
        json_array_elements_text(${col((e) => e.outcome)}::json), json_array_elements_text(${JSON.stringify(bodies)}::json)
      ) with ordinality as t(id, person, at, querier, provider, task, outcome, body, o)`.execute(trx);
}

export async function generateLog(options: GenerateOptions): Promise<GenerateResult> {
  const t0 = performance.now();
  const chunk = options.chunk ?? 100_000;
  const batch = options.batch ?? 10_000;
  const startMs = (options.start ?? new Date(Date.now() - 365 * 86_400_000)).getTime();
  // Person codes are hashes: compute each once, not once per entry.
  const personCodes = Array.from({ length: options.persons }, (_, i) => syntheticPerson(i));
  let frontier: MerkleFrontier | undefined;
  let done = 0;
  let checkpoint = '';
  while (done < options.entries || checkpoint === '') {
    const inChunk = Math.min(chunk, options.entries - done);
    checkpoint = await options.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext('madoguchi.hub.log-sequencer'))`.execute(trx);
      const size = await currentSize(trx);
      if (frontier?.size !== size) frontier = await restoreFrontier(trx, size);
      const f = frontier;
      for (let off = 0; off < inChunk; off += batch) {
        const n = Math.min(batch, inChunk - off);
        const first = f.size;
        const entries = new Array<LogEntry>(n);
        const bodies = new Array<string>(n);
        const leaves = new Array<Buffer>(n);
        const nodes = new NodeBatch();
        for (let i = 0; i < n; i++) {
          const seq = first + i;
          const e = syntheticEntry(seq, personCodes[seq % options.persons] as string, startMs + seq * 1000);
          const body = canonicalEntry(e);
          const leaf = leafHashOfEntry(body);
          f.append(leaf, nodes.sink);
          entries[i] = e;
          bodies[i] = body;
          leaves[i] = leaf;
        }
        await insertLeaves(trx, first, entries, bodies, leaves);
        await insertNodesAndCheckpoint(trx, nodes);
      }
      done += inChunk;
      options.onProgress?.(done);
      if (done < options.entries) return '';
      const rootHash = f.root();
      const note = signCheckpoint({ origin: options.key.origin, size: f.size, rootHash }, options.key.signer);
      await insertCheckpoint(trx, { size: f.size, rootHash, note });
      return note;
    });
  }
  return { size: frontier?.size ?? 0, checkpoint, ms: performance.now() - t0 };
}
