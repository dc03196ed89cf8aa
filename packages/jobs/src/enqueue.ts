import { type Kysely, sql } from 'kysely';

export interface NewJob {
  queue: string;
  payload: unknown;
  /** At most one job per (queue, key) ever exists (until done jobs are pruned): enqueueing again does nothing. */
  key?: string;
  runAt?: Date;
  maxAttempts?: number;
}

/** The channel workers LISTEN on; one per schema so apps sharing a server do not wake each other. */
export function jobChannel(schema: string): string {
  return `madoguchi_jobs_${schema}`;
}

/**
 * Adds jobs in the caller's transaction, so work is queued if and only if the change that needs it
 * commits. Returns how many were new (keyed duplicates are skipped). Workers are woken on commit.
 */
// biome-ignore lint/suspicious/noExplicitAny: any app schema; the job table has the same shape in each.
export async function enqueue(db: Kysely<any>, jobs: NewJob | NewJob[]): Promise<number> {
  const list = Array.isArray(jobs) ? jobs : [jobs];
  if (list.length === 0) return 0;
  const result = await sql<{ n: number }>`
    with added as (
      insert into job (queue, key, payload, run_at, max_attempts)
      select q, k, p, coalesce(r, now()), coalesce(m, 10)
      from unnest(${list.map((j) => j.queue)}::text[], ${list.map((j) => j.key ?? null)}::text[],
                  ${list.map((j) => JSON.stringify(j.payload))}::jsonb[],
                  ${list.map((j) => j.runAt?.toISOString() ?? null)}::timestamptz[],
                  ${list.map((j) => j.maxAttempts ?? null)}::int[]) as t(q, k, p, r, m)
      on conflict on constraint job_queue_key_uq do nothing
      returning queue
    ), woken as (
      select pg_notify('madoguchi_jobs_' || current_schema(), queue) from (select distinct queue from added) d
    )
    select (select count(*) from added)::int as n, (select count(*) from woken) as w`.execute(db);
  return result.rows[0]?.n ?? 0;
}

export interface JobCounts {
  ready: number;
  done: number;
  dead: number;
}

/** Counts per state for one queue (for status pages and tests). */
// biome-ignore lint/suspicious/noExplicitAny: see enqueue.
export async function jobCounts(db: Kysely<any>, queue: string): Promise<JobCounts> {
  const { rows } = await sql<{ state: keyof JobCounts; n: number }>`
    select state, count(*)::int as n from job where queue = ${queue} group by state`.execute(db);
  const counts: JobCounts = { ready: 0, done: 0, dead: 0 };
  for (const r of rows) counts[r.state] = r.n;
  return counts;
}
