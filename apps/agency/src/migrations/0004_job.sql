-- The job queue of @madoguchi/jobs (docs/notices.md "Jobs"). Each app that runs jobs copies this DDL,
-- unchanged, into its own migrations; packages/jobs/src/job-table.test.ts checks every copy.
create table job (
  id bigint generated always as identity constraint job_pk primary key,
  queue text not null constraint job_queue_ck check (queue ~ '^[a-z][a-z0-9_.-]{0,63}$'),
  key text constraint job_key_ck check (key is null or length(key) between 1 and 200),
  payload jsonb not null,
  state text not null default 'ready' constraint job_state_ck check (state in ('ready', 'done', 'dead')),
  run_at timestamptz not null default now(),
  attempts integer not null default 0,
  max_attempts integer not null default 10 constraint job_max_attempts_ck check (max_attempts between 1 and 100),
  last_error text,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  constraint job_queue_key_uq unique (queue, key)
);
create index job_due_ix on job (run_at, id) where state = 'ready';
comment on table job is 'Work to do later or elsewhere (fan-out, mail, webhooks); claimed with FOR UPDATE SKIP LOCKED.';
