import { type Kysely, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import { jobChannel } from './enqueue.ts';

export interface Job {
  id: number;
  queue: string;
  key: string | null;
  payload: unknown;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
}

/**
 * Does the job. `trx` is the transaction that marks the job done: write local effects through it and
 * they commit together with "done" (exactly once). Remote calls happen at least once; send an
 * idempotency key. Throw to fail the attempt (the job backs off and retries, or goes dead).
 */
// biome-ignore lint/suspicious/noExplicitAny: handlers use their app's own schema type.
export type JobHandler = (job: Job, trx: Transaction<any>) => Promise<void>;

export interface WorkerOptions {
  // biome-ignore lint/suspicious/noExplicitAny: see JobHandler.
  db: Kysely<any>;
  /** For LISTEN; one connection is held while the worker runs. */
  pool: pg.Pool;
  schema: string;
  handlers: Record<string, JobHandler>;
  /** Jobs run at the same time (each holds one connection while it runs). */
  concurrency?: number;
  /** Fallback poll when no notification arrives. */
  pollMs?: number;
  /** A claimed job that neither finishes nor fails within this time is run again (its worker died). */
  leaseMs?: number;
  /** Delay before attempt n+1 after attempt n failed. */
  backoffMs?: (attempt: number) => number;
  log?: { warn(detail: Record<string, unknown>, msg: string): void };
  /** false: nothing runs until drain() is called (tests and benchmarks that count runs). */
  autoStart?: boolean;
}

export interface Worker {
  /** Runs due jobs until none is due; resolves with how many ran (tests and benchmarks use it). */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

/** 2 s, 4 s, 8 s … capped at 10 min, with ±20 % jitter so failed jobs do not retry in lockstep. */
export function defaultBackoffMs(attempt: number): number {
  const base = Math.min(2000 * 2 ** (attempt - 1), 600_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

export function startWorker(options: WorkerOptions): Worker {
  const { db, handlers } = options;
  const queues = Object.keys(handlers);
  const concurrency = options.concurrency ?? 2;
  const leaseMs = options.leaseMs ?? 60_000;
  const backoff = options.backoffMs ?? defaultBackoffMs;
  let stopped = false;
  let wake: (() => void) | undefined;
  let running: Promise<number> | undefined;
  let listener: pg.PoolClient | undefined;

  async function claim(limit: number): Promise<Job[]> {
    const { rows } = await sql<{
      id: number;
      queue: string;
      key: string | null;
      payload: unknown;
      attempts: number;
      max_attempts: number;
    }>`
      update job set attempts = attempts + 1, run_at = now() + make_interval(secs => ${leaseMs / 1000})
      where id in (
        select id from job where state = 'ready' and run_at <= now() and queue = any(${queues})
        order by run_at, id limit ${limit} for update skip locked)
      returning id, queue, key, payload, attempts, max_attempts`.execute(db);
    return rows.map((r) => ({
      id: r.id,
      queue: r.queue,
      key: r.key,
      payload: r.payload,
      attempt: r.attempts,
      maxAttempts: r.max_attempts,
    }));
  }

  async function runOne(job: Job): Promise<void> {
    const handler = handlers[job.queue];
    if (!handler) return;
    try {
      await db.transaction().execute(async (trx) => {
        // The row lock keeps a second worker (after a lease ran out) from running the job twice at once;
        // it waits rather than skips, because another worker's claim scan may hold the row for an instant.
        const mine = await sql`select 1 from job where id = ${job.id} and attempts = ${job.attempt}
          and state = 'ready' for update`.execute(trx);
        if (mine.rows.length === 0) return;
        await handler(job, trx);
        await sql`update job set state = 'done', finished_at = now(), last_error = null
          where id = ${job.id}`.execute(trx);
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const dead = job.attempt >= job.maxAttempts;
      options.log?.warn({ err, queue: job.queue, jobId: job.id, attempt: job.attempt, dead }, 'job failed');
      await sql`update job set state = ${dead ? 'dead' : 'ready'},
          run_at = now() + make_interval(secs => ${backoff(job.attempt) / 1000}),
          last_error = ${message.slice(0, 2000)}, finished_at = case when ${dead} then now() end
        where id = ${job.id} and attempts = ${job.attempt}`
        .execute(db)
        .catch((e: unknown) => options.log?.warn({ err: e, jobId: job.id }, 'could not record job failure'));
    }
  }

  async function drainOnce(): Promise<number> {
    let ran = 0;
    for (;;) {
      if (stopped) return ran;
      const jobs = await claim(concurrency);
      if (jobs.length === 0) return ran;
      await Promise.all(jobs.map(runOne));
      ran += jobs.length;
    }
  }

  function drain(): Promise<number> {
    // One drain at a time per worker; callers share the running one and then start another, so a
    // drain that returns has seen every job that was due when it was called.
    const previous = running ?? Promise.resolve(0);
    const next = previous.catch(() => 0).then(drainOnce);
    running = next;
    return next;
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      try {
        await drain();
      } catch (err) {
        options.log?.warn({ err }, 'job worker could not claim jobs');
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs ?? 1000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  }

  const autoStart = options.autoStart ?? true;
  const listening = autoStart
    ? options.pool
        .connect()
        .then(async (client) => {
          listener = client;
          client.on('notification', (msg) => {
            if (msg.payload && queues.includes(msg.payload)) wake?.();
          });
          client.on('error', () => {});
          await client.query(`listen ${jobChannel(options.schema)}`);
        })
        .catch((err: unknown) => options.log?.warn({ err }, 'job worker runs without LISTEN (polling only)'))
    : Promise.resolve();
  const looping = autoStart ? loop() : Promise.resolve();

  return {
    drain,
    async stop() {
      stopped = true;
      wake?.();
      await looping;
      await running?.catch(() => 0);
      await listening;
      if (listener) {
        const client = listener;
        listener = undefined;
        await client.query(`unlisten ${jobChannel(options.schema)}`).catch(() => {});
        client.release();
      }
    },
  };
}
