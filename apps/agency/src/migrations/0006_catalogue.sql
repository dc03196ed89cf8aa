-- The service catalogue (ぴったりサービス) municipalities publish; the portal follows it through the public
-- feed (docs: /work/notes contract "catalogue feed"). One row per (municipality, service) holds its LATEST
-- state, so the feed never replays history: a follower that asks "what changed after version N" gets
-- each service once.
create sequence service_definition_version_seq;

create table service_definition (
  municipality_code text not null constraint service_definition_municipality_fk references agency (code),
  service_id text not null constraint service_definition_service_id_ck check (service_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(service_id) <= 64),
  -- Bumped from the sequence on every publish and withdraw, under a transaction advisory lock, so versions
  -- commit in increasing order and a follower's "after" cursor never skips a row committed late.
  version bigint not null default nextval('service_definition_version_seq'),
  -- A withdrawn service stays as a tombstone (definition null) so followers learn to remove it.
  deleted boolean not null default false,
  definition jsonb,
  -- Of the latest publish or withdraw.
  published_at timestamptz not null default now(),
  published_by text not null,
  constraint service_definition_pk primary key (municipality_code, service_id),
  constraint service_definition_version_uq unique (version),
  constraint service_definition_deleted_ck check (
    (deleted and definition is null) or (not deleted and jsonb_typeof(definition) = 'object')
  )
);
alter sequence service_definition_version_seq owned by service_definition.version;
comment on table service_definition is 'Public service catalogue: the latest definition (or tombstone) of each municipality''s service; no personal data.';
comment on column service_definition.definition is 'ServiceDefinition of @madoguchi/catalogue as published (checked with checkDefinition); null when withdrawn.';
