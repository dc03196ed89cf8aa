import { type Kysely, type RawBuilder, sql } from '@madoguchi/db';
import { canonicalEntry, type LogEntry } from '@madoguchi/exchange';
import type { HubDB } from '../data/schema.ts';

/**
 * Write-ahead for the exchange log: called inside the transaction that makes the decision, so a
 * decision is never without its entry. The sequencer gives the entry its index later.
 */
export async function appendPending(trx: Kysely<HubDB>, entries: readonly LogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await appendPendingSql(entries).execute(trx);
}

/**
 * The write-ahead insert as a SQL fragment, for a decision written as one statement with its audit
 * row (a data-modifying CTE). Each column goes as one JSON array: JSON.stringify is native and
 * PostgreSQL parses it in one pass, where a text[] parameter is escaped element by element in
 * JavaScript (entry texts are full of quotes).
 */
export function appendPendingSql(entries: readonly LogEntry[]): RawBuilder<unknown> {
  const col = (f: (e: LogEntry) => string) => JSON.stringify(entries.map(f));
  return sql`insert into log_pending (entry_id, person, at, querier, provider, task, outcome, body)
    select id::uuid, person, at::timestamptz, querier, provider, task, outcome, body
      from rows from (
        json_array_elements_text(${col((e) => e.id)}::json), json_array_elements_text(${col((e) => e.person)}::json),
        json_array_elements_text(${col((e) => e.at)}::json), json_array_elements_text(${col((e) => e.querier)}::json),
        json_array_elements_text(${col((e) => e.provider)}::json), json_array_elements_text(${col((e) => e.task)}::json),
        json_array_elements_text(${col((e) => e.outcome)}::json), json_array_elements_text(${col(canonicalEntry)}::json)
      ) as t(id, person, at, querier, provider, task, outcome, body)`;
}
