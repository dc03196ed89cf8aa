-- Audit trail of every read or write of personal data in the hub (see docs/audit-events.md).
create table audit_event (
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
);
create index audit_event_occurred_at_ix on audit_event (occurred_at);
comment on table audit_event is 'Append-only audit trail; holds actor and subject ids, never personal data itself.';
