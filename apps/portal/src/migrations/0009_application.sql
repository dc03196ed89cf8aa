-- Submitted online applications (電子申請, issue 7): what the card signed, the signature, and the files.
-- The id is the draft's submission_id, so a retried submit finds the same row instead of a second one.

create sequence application_receipt_seq minvalue 0 maxvalue 99999999 start 1 cycle;

create table application (
  id uuid constraint application_pk primary key,
  subject text not null constraint application_subject_fk references account (subject) on delete cascade,
  municipality text not null constraint application_municipality_ck check (municipality ~ '^[0-9]{6}$'),
  service_id text not null constraint application_service_ck check (service_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(service_id) <= 64),
  service_title text not null,
  receipt_number text not null constraint application_receipt_uq unique
    constraint application_receipt_ck check (receipt_number ~ '^[0-9]{8}-[0-9]{4}-[0-9]{4}-[0-9]$'),
  -- The exact RFC 8785 bytes that were signed; the reviewer side re-parses them, never a copy.
  canonical bytea not null,
  sha256 bytea not null constraint application_sha256_ck check (length(sha256) = 32),
  signature bytea not null,
  signer jsonb not null,
  signed_at timestamptz not null,
  submitted_at timestamptz not null default now(),
  status text not null default 'submitted' constraint application_status_ck check (status in ('submitted'))
);
create index application_subject_ix on application (subject, submitted_at desc);
comment on table application is 'Applications a person signed with the card and submitted (personal data: the whole form and the signer''s 基本4情報).';

-- Files move from the draft to the application on submit: exactly one owner at a time.
alter table application_attachment alter column draft_id drop not null;
alter table application_attachment
  add column application_id uuid constraint application_attachment_application_fk references application (id) on delete cascade;
alter table application_attachment
  add constraint application_attachment_owner_ck check (num_nonnulls(draft_id, application_id) = 1);
create index application_attachment_application_ix on application_attachment (application_id) where application_id is not null;
