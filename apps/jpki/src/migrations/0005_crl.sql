-- The published CRLs, newest per CA served. crl_number only grows: the next one is taken from the
-- per-CA counter row under a row lock, so two processes regenerating together cannot reuse a number.
create table crl_counter (
  kind text constraint crl_counter_pk primary key constraint crl_counter_kind_ck check (kind in ('sign', 'auth')),
  last_number bigint not null default 0
);
insert into crl_counter (kind) values ('sign'), ('auth');

create table crl (
  kind text not null constraint crl_kind_ck check (kind in ('sign', 'auth')),
  crl_number bigint not null,
  this_update timestamptz not null,
  next_update timestamptz not null,
  der bytea not null,
  constraint crl_pk primary key (kind, crl_number)
);
