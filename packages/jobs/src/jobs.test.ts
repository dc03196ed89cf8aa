import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type Database, openDatabase, sql } from '@madoguchi/db';
import { createTestDatabase, forEachEngine, type TestDatabase } from '@madoguchi/testing';
import { enqueue, jobCounts } from './enqueue.ts';
import { pruneDoneJobs } from './prune.ts';
import { type Job, type JobHandler, startWorker } from './worker.ts';

describe('job table DDL', () => {
  it('is the same in every app that runs jobs', () => {
    const canonical = readFileSync(new URL('./job-table.sql', import.meta.url), 'utf8');
    for (const path of [
      'apps/agency/src/migrations/0004_job.sql',
      'apps/portal/src/migrations/0005_job.sql',
    ]) {
      assert.equal(readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8'), canonical, path);
    }
  });
});

forEachEngine(describe, (engine) => {
  let tdb: TestDatabase;
  let database: Database<unknown>;
  const noBackoff = () => 0;

  before(async () => {
    tdb = await createTestDatabase(engine);
    database = openDatabase({ url: tdb.urlFor('agency'), schema: 'agency', maxConnections: 6 });
  });
  after(async () => {
    await database.close();
    await tdb.drop();
  });

  const worker = (handlers: Record<string, JobHandler>, leaseMs = 60_000) =>
    startWorker({
      db: database.db,
      pool: database.pool,
      schema: 'agency',
      handlers,
      leaseMs,
      backoffMs: noBackoff,
      pollMs: 60_000,
      autoStart: false,
    });

  it('runs each job once, enqueues a keyed job at most once, and commits handler writes with done', async () => {
    const seen: number[] = [];
    assert.equal(
      await enqueue(database.db, [
        { queue: 't.once', payload: { n: 1 }, key: 'a' },
        { queue: 't.once', payload: { n: 2 }, key: 'a' },
        { queue: 't.once', payload: { n: 3 } },
      ]),
      2,
    );
    assert.equal(await enqueue(database.db, { queue: 't.once', payload: { n: 4 }, key: 'a' }), 0);
    const w = worker({
      't.once': async (job, trx) => {
        seen.push((job.payload as { n: number }).n);
        await enqueue(trx, { queue: 't.follow', payload: { after: job.id } });
      },
    });
    try {
      assert.equal(await w.drain(), 2);
    } finally {
      await w.stop();
    }
    assert.deepEqual(seen.sort(), [1, 3]);
    assert.deepEqual(await jobCounts(database.db, 't.once'), { ready: 0, done: 2, dead: 0 });
    assert.equal((await jobCounts(database.db, 't.follow')).ready, 2);
  });

  it('rolls back a failed attempt, retries it, and marks it dead after maxAttempts', async () => {
    let calls = 0;
    await enqueue(database.db, { queue: 't.fail', payload: {}, maxAttempts: 3 });
    const w = worker({
      't.fail': async (_job, trx) => {
        calls++;
        await enqueue(trx, { queue: 't.never', payload: {} });
        throw new Error('receiver down');
      },
    });
    try {
      await w.drain();
    } finally {
      await w.stop();
    }
    assert.equal(calls, 3);
    assert.deepEqual(await jobCounts(database.db, 't.fail'), { ready: 0, done: 0, dead: 1 });
    assert.deepEqual(await jobCounts(database.db, 't.never'), { ready: 0, done: 0, dead: 0 });
    const { rows } = await sql<{ last_error: string; attempts: number }>`
      select last_error, attempts from job where queue = 't.fail'`.execute(database.db);
    assert.deepEqual(rows[0], { last_error: 'receiver down', attempts: 3 });
  });

  it('backs off: a failed job is not due again until its delay passes', async () => {
    await enqueue(database.db, { queue: 't.later', payload: {} });
    const w = startWorker({
      db: database.db,
      pool: database.pool,
      schema: 'agency',
      handlers: {
        't.later': async () => {
          throw new Error('not yet');
        },
      },
      backoffMs: () => 3_600_000,
      pollMs: 60_000,
      autoStart: false,
    });
    try {
      assert.equal(await w.drain(), 1);
      assert.equal(await w.drain(), 0);
    } finally {
      await w.stop();
    }
    const { rows } = await sql<{ later: boolean }>`
      select run_at > now() + interval '59 minutes' as later from job where queue = 't.later'`.execute(
      database.db,
    );
    assert.equal(rows[0]?.later, true);
  });

  it('runs a job again after its lease when the worker that claimed it died, and two workers share work', async () => {
    // A claim whose worker vanished: attempts counted, run_at pushed by the lease.
    await enqueue(database.db, { queue: 't.lease', payload: {} });
    await sql`update job set attempts = 1, run_at = now() - interval '1 second' where queue = 't.lease'`.execute(
      database.db,
    );
    const ids = new Map<number, number>();
    const count = async (job: Job) => {
      ids.set(job.id, (ids.get(job.id) ?? 0) + 1);
    };
    await enqueue(
      database.db,
      Array.from({ length: 60 }, (_, i) => ({ queue: 't.many', payload: { i } })),
    );
    const a = worker({ 't.lease': count, 't.many': count });
    const b = worker({ 't.lease': count, 't.many': count });
    try {
      await Promise.all([a.drain(), b.drain()]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    assert.equal(ids.size, 61);
    assert.ok([...ids.values()].every((n) => n === 1));
    const { rows } = await sql<{
      attempts: number;
    }>`select attempts from job where queue = 't.lease'`.execute(database.db);
    assert.equal(rows[0]?.attempts, 2);
  });

  it('wakes on NOTIFY without polling', async () => {
    let resolveRan: () => void = () => {};
    const ran = new Promise<void>((r) => {
      resolveRan = r;
    });
    const w = startWorker({
      db: database.db,
      pool: database.pool,
      schema: 'agency',
      handlers: { 't.notify': async () => resolveRan() },
      pollMs: 60_000,
    });
    try {
      await new Promise((r) => setTimeout(r, 200)); // LISTEN is set up
      const t0 = performance.now();
      await enqueue(database.db, { queue: 't.notify', payload: {} });
      await ran;
      assert.ok(performance.now() - t0 < 5000, 'ran long before the 60 s poll');
    } finally {
      await w.stop();
    }
  });

  it('prunes old done jobs only', async () => {
    await sql`update job set finished_at = now() - interval '8 days' where queue = 't.once'`.execute(
      database.db,
    );
    assert.equal(await pruneDoneJobs(database.db, 7), 2);
    assert.equal((await jobCounts(database.db, 't.fail')).dead, 1);
  });
});
