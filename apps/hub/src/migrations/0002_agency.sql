-- Agencies registered on the exchange network (情報提供ネットワークシステム). Public reference data.
create table agency (
  code text constraint agency_pk primary key,
  name text not null,
  name_kana text not null,
  kind text not null constraint agency_kind_ck check (kind in ('national', 'prefecture', 'municipality', 'ward')),
  prefecture_code text constraint agency_prefecture_code_ck check (prefecture_code ~ '^[0-9]{2}$'),
  corporate_number text constraint agency_corporate_number_ck check (corporate_number ~ '^[0-9]{13}$'),
  parent_code text constraint agency_parent_fk references agency (code),
  registered_at timestamptz not null default now()
);
create index agency_kind_prefecture_ix on agency (kind, prefecture_code, code);
