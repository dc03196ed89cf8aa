-- The exchange log (情報提供等記録): an RFC 9162 Merkle tree over canonical entry texts, with signed
-- checkpoints (see docs/exchange.md and apps/hub/src/log). Decisions write to log_pending in their own
-- transaction (the write-ahead); the sequencer moves pending rows into log_entry with contiguous
-- indexes, stores the completed interior nodes and signs one checkpoint per batch, atomically.

-- The entry's columns are written here already (from the same LogEntry as the body), so the
-- sequencer moves rows with plain SQL instead of parsing JSON per row.
create table log_pending (
  seq bigserial constraint log_pending_pk primary key,
  entry_id uuid not null constraint log_pending_entry_id_uq unique,
  person text not null,
  at timestamptz not null,
  querier text not null,
  provider text not null,
  task text not null,
  outcome text not null constraint log_pending_outcome_ck check (outcome in ('permitted', 'refused')),
  body text not null,
  created_at timestamptz not null default now()
);
create index log_pending_person_ix on log_pending (person);
comment on table log_pending is
  'Exchange-log entries decided but not yet sequenced into the tree. Personal data: person is the person''s portal link code; body is the canonical entry.';

create table log_entry (
  idx bigint constraint log_entry_pk primary key constraint log_entry_idx_ck check (idx >= 0),
  entry_id uuid not null constraint log_entry_entry_id_uq unique,
  person text not null,
  at timestamptz not null,
  querier text not null,
  provider text not null,
  task text not null,
  outcome text not null constraint log_entry_outcome_ck check (outcome in ('permitted', 'refused')),
  body text not null,
  leaf_hash bytea not null constraint log_entry_leaf_hash_ck check (length(leaf_hash) = 32)
);
-- やりとり履歴 reads one person's entries newest first and narrows that walk by period, agency and
-- task: a person has at most thousands of entries, so one (person, idx) index serves every filter,
-- and every further index would slow each sequencer batch. Supervisors read by agency across people
-- (one walk per side: querier, provider).
create index log_entry_person_idx_ix on log_entry (person, idx desc);
create index log_entry_querier_idx_ix on log_entry (querier, idx desc);
create index log_entry_provider_idx_ix on log_entry (provider, idx desc);
comment on table log_entry is
  'Sequenced exchange-log entries (leaves of the Merkle tree), append-only. Personal data: person is the person''s portal link code; body is the canonical entry text the leaf hash covers.';

-- Perfect-subtree hashes at levels >= 1 (level 0 is log_entry.leaf_hash): node (level, idx) covers
-- leaves [idx * 2^level, (idx + 1) * 2^level). Proofs are assembled from these with one query.
create table log_node (
  level smallint not null constraint log_node_level_ck check (level between 1 and 63),
  idx bigint not null constraint log_node_idx_ck check (idx >= 0),
  hash bytea not null constraint log_node_hash_ck check (length(hash) = 32),
  constraint log_node_pk primary key (level, idx)
);
comment on table log_node is 'Interior Merkle-tree node hashes of the exchange log; no personal data.';

create table log_checkpoint (
  size bigint constraint log_checkpoint_pk primary key constraint log_checkpoint_size_ck check (size >= 0),
  root_hash bytea not null constraint log_checkpoint_root_hash_ck check (length(root_hash) = 32),
  note text not null,
  created_at timestamptz not null default now()
);
comment on table log_checkpoint is 'Signed checkpoints (C2SP signed notes) of the exchange log; no personal data.';

-- Append-only, enforced twice: the app role (which owns these tables) gives up UPDATE, DELETE and
-- TRUNCATE on them, and a trigger refuses row changes from anyone who still has the privilege.
create function log_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'the exchange log is append-only: % on % refused', tg_op, tg_table_name
    using errcode = 'insufficient_privilege';
end
$$;
create trigger log_entry_append_only_tg before update or delete on log_entry
  for each row execute function log_refuse_change();
create trigger log_entry_no_truncate_tg before truncate on log_entry
  for each statement execute function log_refuse_change();
create trigger log_node_append_only_tg before update or delete on log_node
  for each row execute function log_refuse_change();
create trigger log_node_no_truncate_tg before truncate on log_node
  for each statement execute function log_refuse_change();
create trigger log_checkpoint_append_only_tg before update or delete on log_checkpoint
  for each row execute function log_refuse_change();
create trigger log_checkpoint_no_truncate_tg before truncate on log_checkpoint
  for each statement execute function log_refuse_change();
revoke update, delete, truncate on log_entry, log_node, log_checkpoint from current_user;
