-- A person known to the card authority and their cards. The authority holds no My Number and no basic
-- facts in the database: the agency's reference identifies the person, the facts live in the
-- signature certificate only.
create table person (
  id uuid constraint person_pk primary key default gen_random_uuid(),
  resident_ref text not null constraint person_resident_ref_uq unique
    constraint person_resident_ref_ck check (resident_ref ~ '^agency:[0-9]{5,6}:[0-9a-f-]{36}$'),
  created_at timestamptz not null default now()
);
comment on table person is 'Personal data: links the agency''s resident reference to the person key behind pairwise subjects.';

create table card (
  serial text constraint card_pk primary key constraint card_serial_ck check (serial ~ '^[0-9]{12}$'),
  person_id uuid not null constraint card_person_fk references person (id),
  status text not null default 'active' constraint card_status_ck check (status in ('active', 'superseded')),
  issued_at timestamptz not null default now(),
  unlocked_at timestamptz
);
create index card_person_id_ix on card (person_id);
comment on table card is 'Personal data: which cards a person holds.';
