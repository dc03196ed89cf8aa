-- Intermediate servers (中間サーバー): link codes, the information each agency holds for exchange, copies
-- held by non-municipal agencies, and used permits. See docs/exchange.md.

-- The municipality's link code (符号) for a resident, given by the hub at registration; null until then.
alter table resident add column fugo text constraint resident_fugo_uq unique;

-- Information an agency provides through the network, keyed by its own link code for the person.
create table info_record (
  id uuid constraint info_record_pk primary key,
  agency_code text not null constraint info_record_agency_fk references agency (code),
  fugo text not null,
  info_type text not null,
  title text not null,
  as_of date not null,
  fields jsonb not null constraint info_record_fields_ck check (jsonb_typeof(fields) = 'array'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  updated_by text not null
);
create index info_record_agency_code_fugo_info_type_ix on info_record (agency_code, fugo, info_type);
comment on table info_record is 'Personal data (特定個人情報) an agency holds for exchange: tax, benefits, pension, health. Keyed by link code, never by My Number. Every read and write is audited.';

-- The persons a non-municipal agency (日本年金機構, 協会けんぽ…) holds a copy for, by its own link code.
create table agency_copy (
  agency_code text not null constraint agency_copy_agency_fk references agency (code),
  fugo text not null,
  created_at timestamptz not null default now(),
  constraint agency_copy_pk primary key (agency_code, fugo)
);
comment on table agency_copy is 'Personal data: the link codes of the persons an agency holds information about (no My Number is stored for them).';

-- Permits already answered: a permit is single use (docs/exchange.md).
create table permit_use (
  jti uuid constraint permit_use_pk primary key,
  agency_code text not null constraint permit_use_agency_fk references agency (code),
  used_at timestamptz not null default now()
);

-- Development bookkeeping for the demo link: residents whose copies at the national agencies were
-- registered and whose demo records were generated, so re-running the link does nothing for them.
create table demo_link (
  resident_id uuid constraint demo_link_pk primary key constraint demo_link_resident_fk references resident (id),
  linked_at timestamptz not null default now()
);
comment on table demo_link is 'Development only: which demo residents were linked (resident ids, no personal fields).';
