-- Exchange-network registry: each agency's credential (Ed25519 public key and intermediate-server
-- endpoint), the persons the hub knows (by a keyed hash of the My Number, never the number) and each
-- agency's link code (符号) for them. See docs/exchange.md.
alter table agency
  add column public_key bytea constraint agency_public_key_ck check (octet_length(public_key) = 32),
  add column endpoint_url text constraint agency_endpoint_url_ck check (endpoint_url ~ '^https?://'),
  add column enrolled_at timestamptz;

create table person (
  id uuid constraint person_pk primary key,
  person_key bytea not null constraint person_person_key_uq unique,
  -- The municipality that holds the resident record (the latest to register the person): the hub asks
  -- it to confirm basic facts when another agency links its copy.
  registered_by text not null constraint person_registered_by_fk references agency (code),
  created_at timestamptz not null default now()
);
comment on table person is
  'Persons known to the exchange network: HMAC of the My Number under HUB_PERSON_SECRET, never the number.';

create table fugo (
  agency_code text not null constraint fugo_agency_code_fk references agency (code),
  person_id uuid not null constraint fugo_person_id_fk references person (id),
  fugo text not null constraint fugo_fugo_ck check (fugo ~ '^[A-Za-z0-9_-]{22}$'),
  created_at timestamptz not null default now(),
  constraint fugo_pk primary key (agency_code, person_id),
  constraint fugo_agency_code_fugo_uq unique (agency_code, fugo)
);
create index fugo_person_id_ix on fugo (person_id);
comment on table fugo is
  'Link codes (符号): one per agency holding a person''s data; translates between agencies inside the hub only.';
