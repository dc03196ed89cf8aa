import type { QueryExecutorProvider } from 'kysely';
import { sql } from 'kysely';
import { type AuditEvent, auditEventTypes } from './catalogue.ts';

/**
 * Writes one audit row with the same connection/transaction as the change it records, so the two
 * commit or roll back together. Every app has an `audit_event` table in its own schema (its first
 * migration creates it); the writer takes the transaction, never a pool.
 */
export async function writeAudit(trx: QueryExecutorProvider, event: AuditEvent): Promise<void> {
  if (!Object.hasOwn(auditEventTypes, event.type)) throw new Error(`unknown audit event type ${event.type}`);
  await sql`insert into audit_event (type, actor, on_behalf_of, purpose, request_id, subject, outcome, detail)
    values (${event.type}, ${event.actor}, ${event.onBehalfOf ?? null}, ${event.purpose}, ${event.requestId},
            ${event.subject ?? null}, ${event.outcome}, ${JSON.stringify(event.detail ?? {})}::jsonb)`.execute(
    trx,
  );
}

/** The table every app's first migration creates, kept here so the shape is the same everywhere. */
export const auditTableSql = `create table audit_event (
  id bigint generated always as identity constraint audit_event_pk primary key,
  occurred_at timestamptz not null default now(),
  type text not null,
  actor text not null,
  on_behalf_of text,
  purpose text not null,
  request_id text not null,
  subject text,
  outcome text not null constraint audit_event_outcome_ck check (outcome in ('success', 'failure', 'denied')),
  detail jsonb not null default '{}'::jsonb
);`;
