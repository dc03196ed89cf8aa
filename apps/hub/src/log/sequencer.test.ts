import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from '@madoguchi/db';
import { canonicalEntry, type LogEntry } from '@madoguchi/exchange';
import { openCheckpoint, rootOf } from '@madoguchi/merkle-log';
import { forEachEngine } from '@madoguchi/testing';
import { appendPending } from './append-pending.ts';
import { LogSequencer, sequenceBatch, sequenceInTransaction } from './sequencer.ts';
import { makeEntry, openTestLog, type TestLog } from './testing/log-fixture.ts';
import { leafHash } from './testing/rfc9162-verifier.ts';

async function storedLog(log: TestLog) {
  const { rows } = await sql<{ idx: number; entry_id: string; body: string; leaf_hash: Buffer }>`
    select idx, entry_id, body, leaf_hash from log_entry order by idx`.execute(log.database.db);
  return rows.map((r) => ({ ...r, idx: Number(r.idx) }));
}

async function count(log: TestLog, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(
    log.database.db,
  );
  return Number(rows[0]?.n);
}

/** The whole stored log must be one contiguous tree whose latest checkpoint signs its root. */
async function assertConsistentLog(log: TestLog, expectedIds: readonly string[]): Promise<void> {
  const rows = await storedLog(log);
  assert.deepEqual(
    rows.map((r) => r.idx),
    rows.map((_, i) => i),
    'indexes are contiguous from 0',
  );
  assert.deepEqual(new Set(rows.map((r) => r.entry_id)), new Set(expectedIds));
  // Leaf hashes recomputed from the stored text with a hasher that is not the prover's.
  const leaves = rows.map((r) => leafHash(r.body));
  for (const [i, r] of rows.entries()) assert.deepEqual(r.leaf_hash, leaves[i]);
  const { rows: cps } = await sql<{ size: number; note: string }>`
    select size, note from log_checkpoint order by size desc limit 1`.execute(log.database.db);
  const opened = openCheckpoint(cps[0]?.note as string, log.key.vkey);
  assert.equal(opened.checkpoint.size, rows.length);
  assert.deepEqual(Buffer.from(opened.checkpoint.rootHash), rootOf(leaves));
  // Exactly the completed interior nodes: a tree of n leaves has n - popcount(n) of them.
  const popcount = rows.length.toString(2).replaceAll('0', '').length;
  assert.equal(await count(log, 'log_node'), rows.length - popcount);
}

forEachEngine(describe, (engine) => {
  let log: TestLog;
  before(async () => {
    log = await openTestLog(engine);
  });
  after(async () => {
    await log.close();
  });

  it('sequences concurrent decisions into contiguous indexes while the sequencer runs', async () => {
    const sequencer = new LogSequencer({ db: log.database.db, key: log.key, batchSize: 64, idleMs: 5 });
    sequencer.start();
    const ids: string[] = [];
    // 20 decision transactions of 50 entries each, all at once, racing the sequencer's batches.
    await Promise.all(
      Array.from({ length: 20 }, () =>
        log.database.db.transaction().execute(async (trx) => {
          const entries = Array.from({ length: 50 }, () => makeEntry());
          ids.push(...entries.map((e) => e.id));
          for (let i = 0; i < 50; i += 10) {
            await appendPending(trx, entries.slice(i, i + 10));
            sequencer.wake();
          }
        }),
      ),
    );
    await sequencer.flush();
    await sequencer.stop();
    assert.equal(await count(log, 'log_pending'), 0);
    await assertConsistentLog(log, ids);
    // Batches of at most 64 and one checkpoint each, every one signed by the log key.
    const { rows } = await sql<{
      size: number;
      note: string;
    }>`select size, note from log_checkpoint order by size`.execute(log.database.db);
    assert.ok(rows.length >= 1000 / 64);
    for (const r of rows) assert.equal(openCheckpoint(r.note, log.key.vkey).checkpoint.size, Number(r.size));
  });

  it('loses nothing when a batch dies before commit, and a rolled-back decision leaves no gap', async () => {
    const before = await storedLog(log);
    const kept: LogEntry[] = Array.from({ length: 30 }, () => makeEntry());
    await log.database.db.transaction().execute((trx) => appendPending(trx, kept));
    // A decision that fails after writing its entry: the entry goes with it.
    const lost = makeEntry();
    await assert.rejects(
      log.database.db.transaction().execute(async (trx) => {
        await appendPending(trx, [lost]);
        throw new Error('decision failed');
      }),
      /decision failed/,
    );
    // The sequencer crashes after doing all its work but before the commit.
    await assert.rejects(
      log.database.db.transaction().execute(async (trx) => {
        assert.equal(await sequenceInTransaction(trx, log.key, 1000), 30);
        throw new Error('crash');
      }),
      /crash/,
    );
    assert.equal((await storedLog(log)).length, before.length, 'nothing of the dead batch remains');
    assert.equal(await count(log, 'log_pending'), 30, 'its pending rows are back');
    // A fresh sequencer (as after a restart) picks them up.
    const restarted = new LogSequencer({ db: log.database.db, key: log.key, batchSize: 7 });
    await restarted.flush();
    await assertConsistentLog(log, [...before.map((r) => r.entry_id), ...kept.map((e) => e.id)]);
    const after = await storedLog(log);
    assert.ok(!after.some((r) => r.entry_id === lost.id));
    assert.deepEqual(
      after.slice(before.length).map((r) => r.body),
      kept.map(canonicalEntry),
      'pending order is kept',
    );
  });

  it('lets only one sequencer work at a time', async () => {
    const entries = Array.from({ length: 5 }, () => makeEntry());
    await log.database.db.transaction().execute((trx) => appendPending(trx, entries));
    await log.database.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext('madoguchi.hub.log-sequencer'))`.execute(trx);
      // Another process holds the lock: this one takes nothing and does not wait.
      assert.equal(await sequenceBatch(log.database.db, log.key), 0);
    });
    assert.equal(await sequenceBatch(log.database.db, log.key), 5);
  });

  it('refuses to change or remove sequenced entries, nodes and checkpoints', async () => {
    const db = log.database.db;
    for (const statement of [
      sql`update log_entry set person = 'x' where idx = 0`,
      sql`delete from log_entry where idx = 0`,
      sql`delete from log_node`,
      sql`update log_checkpoint set note = 'x'`,
      sql`truncate log_entry`,
    ]) {
      await assert.rejects(statement.execute(db), (err: { code?: string }) => err.code === '42501');
    }
    await assertConsistentLog(
      log,
      (await storedLog(log)).map((r) => r.entry_id),
    );
  });
});
