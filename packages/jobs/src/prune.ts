import { type Kysely, sql } from 'kysely';

/** Deletes done jobs older than `days` (dead jobs stay until someone looks at them). */
// biome-ignore lint/suspicious/noExplicitAny: any app schema.
export async function pruneDoneJobs(db: Kysely<any>, days = 7): Promise<number> {
  const result =
    await sql`delete from job where state = 'done' and finished_at < now() - make_interval(days => ${days})`.execute(
      db,
    );
  return Number(result.numAffectedRows ?? 0);
}
