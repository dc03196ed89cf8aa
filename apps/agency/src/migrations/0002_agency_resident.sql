-- Tenants of the agency app: every agency whose intermediate server / back office runs here.
create table agency (
  code text constraint agency_pk primary key,
  name text not null,
  name_kana text not null,
  kind text not null constraint agency_kind_ck check (kind in ('national', 'prefecture', 'municipality', 'ward')),
  prefecture_code text,
  parent_code text,
  has_demo_residents boolean not null default false
);

-- 住民基本台帳: the municipality's resident record. The only place in madoguchi that holds a My Number.
create table resident (
  id uuid constraint resident_pk primary key,
  municipality_code text not null constraint resident_municipality_fk references agency (code),
  my_number text not null constraint resident_my_number_uq unique
    constraint resident_my_number_ck check (my_number ~ '^[0-9]{12}$'),
  family_name text not null,
  given_name text not null,
  family_kana text not null,
  given_kana text not null,
  birth_date date not null,
  sex smallint not null constraint resident_sex_ck check (sex in (1, 2, 3)),
  address text not null,
  household_id uuid not null,
  relationship text not null constraint resident_relationship_ck check (relationship in ('head', 'spouse', 'child', 'parent', 'other')),
  created_at timestamptz not null default now()
);
create index resident_municipality_ix on resident (municipality_code);
create index resident_household_ix on resident (household_id);
comment on table resident is 'Personal data (住民基本台帳): My Number, name, address, birth date, sex. Every read is audited.';
