import type { QueryExecutorProvider } from 'kysely';
import { type RawBuilder, sql } from 'kysely';
import { type AuditEvent, auditEventTypes } from './catalogue.ts';

/**
 * Writes one audit row with the same connection/transaction as the change it records, so the two
 * commit or roll back together. Every app has an `audit_event` table in its own schema (its first
 * migration creates it, the same columns everywhere: a test compares them); the writer takes the
 * transaction, never a pool.
 */
export async function writeAudit(trx: QueryExecutorProvider, event: AuditEvent): Promise<void> {
  if (!Object.hasOwn(auditEventTypes, event.type)) throw new Error(`unknown audit event type ${event.type}`);
  await sql`insert into audit_event (type, actor, on_behalf_of, purpose, request_id, subject, outcome, detail)
    values (${event.type}, ${event.actor}, ${event.onBehalfOf ?? null}, ${event.purpose}, ${event.requestId},
            ${event.subject ?? null}, ${event.outcome}, ${JSON.stringify(event.detail ?? {})}::jsonb)`.execute(
    trx,
  );
}

/**
 * The audit insert as a SQL fragment, for a statement that changes data and records it at once (a
 * data-modifying CTE): one round trip instead of two, still one transaction. `extraDetail` is a SQL
 * expression of jsonb merged into the detail (facts only known inside the statement).
 */
export function auditInsertSql(event: AuditEvent, extraDetail?: RawBuilder<unknown>): RawBuilder<unknown> {
  if (!Object.hasOwn(auditEventTypes, event.type)) throw new Error(`unknown audit event type ${event.type}`);
  const detail = sql`${JSON.stringify(event.detail ?? {})}::jsonb`;
  return sql`insert into audit_event (type, actor, on_behalf_of, purpose, request_id, subject, outcome, detail)
    select ${event.type}, ${event.actor}, ${event.onBehalfOf ?? null}, ${event.purpose}, ${event.requestId},
           ${event.subject ?? null}, ${event.outcome}, ${extraDetail ? sql`${detail} || ${extraDetail}` : detail}`;
}
