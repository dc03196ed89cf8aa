/**
 * The exchange log measured in-process against the bench's PostgreSQL: write-ahead appends (the
 * decision transactions), sequencing with tree maintenance and signed checkpoints, generation of a
 * large log, inclusion proofs and a person's やりとり履歴 query on it.
 */
import { randomUUID } from 'node:crypto';
import type { HubDB } from '../../apps/hub/src/data/schema.ts';
import { appendPending } from '../../apps/hub/src/log/append-pending.ts';
import { generateLog, syntheticPerson } from '../../apps/hub/src/log/generate.ts';
import type { LogKey } from '../../apps/hub/src/log/log-key.ts';
import { listPersonEntries, personEntryProof } from '../../apps/hub/src/log/person-log.ts';
import { inclusionProofAt, requireCheckpoint } from '../../apps/hub/src/log/proofs.ts';
import { ensureInitialCheckpoint, LogSequencer } from '../../apps/hub/src/log/sequencer.ts';
import { type Kysely, sql } from '../../packages/db/src/index.ts';
import { type LogEntry, verifyEntry } from '../../packages/exchange/src/index.ts';
import { openCheckpoint } from '../../packages/merkle-log/src/index.ts';
import { say } from '../lib/harness.ts';

export interface Timing {
  label: string;
  n: number;
  p50: number;
  p99: number;
  max: number;
  unit: 'ms';
}

export function percentiles(label: string, samples: number[]): Timing {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { label, n: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? 0, unit: 'ms' };
}

function entry(i: number): LogEntry {
  return {
    v: 1,
    id: randomUUID(),
    at: new Date().toISOString(),
    querier: 'jps',
    provider: '131016',
    task: 'kokunen-menjo',
    infoTypes: ['chihouzei'],
    person: syntheticPerson(10_000_000 + (i % 1000)),
    outcome: 'permitted',
    reason: null,
    tableVersion: 'f'.repeat(64),
  };
}

/** Decision transactions of `perTx` entries each, `concurrency` at a time, while the sequencer runs. */
export async function appendRate(
  db: Kysely<HubDB>,
  key: LogKey,
  total: number,
  perTx: number,
  concurrency: number,
): Promise<{ writeAheadPerSec: number; endToEndPerSec: number; sequenceOnlyPerSec: number }> {
  await ensureInitialCheckpoint(db, key);
  const sequencer = new LogSequencer({ db, key });
  sequencer.start();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const start = next;
        next += perTx;
        const batch = Array.from({ length: Math.min(perTx, total - start) }, (_, i) => entry(start + i));
        await db.transaction().execute((trx) => appendPending(trx, batch));
        sequencer.wake();
      }
    }),
  );
  const tWritten = performance.now();
  await sequencer.flush();
  const tDone = performance.now();
  await sequencer.stop();
  // Sequencing alone: the same amount written ahead first, then moved into the tree.
  for (let i = 0; i < total; i += 10_000)
    await db.transaction().execute((trx) =>
      appendPending(
        trx,
        Array.from({ length: Math.min(10_000, total - i) }, (_, j) => entry(i + j)),
      ),
    );
  const s0 = performance.now();
  const only = new LogSequencer({ db, key, batchSize: 20_000 });
  await only.flush();
  const s1 = performance.now();
  return {
    writeAheadPerSec: total / ((tWritten - t0) / 1000),
    endToEndPerSec: total / ((tDone - t0) / 1000),
    sequenceOnlyPerSec: total / ((s1 - s0) / 1000),
  };
}

const SECONDARY = [
  ['log_entry_person_idx_ix', 'create index log_entry_person_idx_ix on log_entry (person, idx desc)'],
  ['log_entry_querier_idx_ix', 'create index log_entry_querier_idx_ix on log_entry (querier, idx desc)'],
  ['log_entry_provider_idx_ix', 'create index log_entry_provider_idx_ix on log_entry (provider, idx desc)'],
] as const;

/**
 * A bulk load, as an operator would do it: the secondary indexes are dropped first and rebuilt after
 * (one sort each instead of millions of random B-tree inserts); the rebuild is part of the time.
 */
export async function generate(db: Kysely<HubDB>, key: LogKey, entries: number, persons: number) {
  const t0 = performance.now();
  for (const [name] of SECONDARY) await sql.raw(`drop index ${name}`).execute(db);
  const loaded = await generateRows(db, key, entries, persons);
  const tIndex = performance.now();
  await db.connection().execute(async (conn) => {
    await sql.raw("set maintenance_work_mem = '256MB'").execute(conn);
    // Index builds over millions of rows outlast the pool's 30 s statement timeout.
    await sql.raw('set statement_timeout = 0').execute(conn);
    for (const [, ddl] of SECONDARY) await sql.raw(ddl).execute(conn);
    await sql.raw('analyze log_entry').execute(conn);
  });
  const ms = performance.now() - t0;
  return { ...loaded, ms, indexMs: performance.now() - tIndex, perSec: entries / (ms / 1000) };
}

async function generateRows(db: Kysely<HubDB>, key: LogKey, entries: number, persons: number) {
  let last = 0;
  const result = await generateLog({
    db,
    key,
    entries,
    persons,
    onProgress: (done) => {
      if (done - last >= 1_000_000 || done === entries) {
        say(`  generated ${done.toLocaleString()} entries`);
        last = done;
      }
    },
  });
  return result;
}

/** Inclusion proofs for random leaves of the latest checkpoint, each checked against its root. */
export async function proofTimes(db: Kysely<HubDB>, key: LogKey, n: number) {
  const cp = await requireCheckpoint(db);
  const { checkpoint } = openCheckpoint(cp.note, key.vkey);
  const samples: number[] = [];
  let failures = 0;
  const { verifyInclusion } = await import('../../packages/merkle-log/src/index.ts');
  const leafOf = async (index: number) =>
    (await db.selectFrom('log_entry').select('leaf_hash').where('idx', '=', index).executeTakeFirstOrThrow())
      .leaf_hash;
  for (let i = 0; i < n; i++) {
    const index = Math.floor(Math.random() * checkpoint.size);
    const t = performance.now();
    const proof = await inclusionProofAt(db, index, checkpoint.size);
    samples.push(performance.now() - t);
    if (!verifyInclusion(index, checkpoint.size, await leafOf(index), proof, checkpoint.rootHash)) failures++;
  }
  return {
    timing: percentiles('inclusion proof (DB fetch + assembly)', samples),
    failures,
    size: checkpoint.size,
  };
}

/** やりとり履歴: one person's newest 50 entries (with the audit row it writes), random persons. */
export async function historyTimes(
  db: Kysely<HubDB>,
  key: LogKey,
  persons: number,
  n: number,
  concurrency: number,
) {
  const samples: number[] = [];
  let rows = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (done < n) {
        done++;
        const person = syntheticPerson(Math.floor(Math.random() * persons));
        const t = performance.now();
        const r = await listPersonEntries({ db, key, requestId: 'bench' }, 'agency:portal', person, {});
        samples.push(performance.now() - t);
        rows += r.entries.length;
      }
    }),
  );
  // One 検証 on the big log, end to end in-process: proof for a person's entry, checked offline.
  const person = syntheticPerson(1);
  const list = await listPersonEntries({ db, key, requestId: 'bench' }, 'agency:portal', person, {
    limit: 1,
  });
  const first = list.entries[0];
  let verified = false;
  if (first) {
    const p = await personEntryProof({ db, key, requestId: 'bench' }, 'agency:portal', person, first.entryId);
    const { checkpoint } = openCheckpoint(p.checkpoint, key.vkey);
    verified = verifyEntry(
      { index: p.index, entry: p.entry, inclusionProof: p.inclusionProof },
      checkpoint,
    ).ok;
  }
  return {
    timing: percentiles(`やりとり履歴 query (${concurrency} concurrent)`, samples),
    rowsPerQuery: rows / n,
    verified,
  };
}
