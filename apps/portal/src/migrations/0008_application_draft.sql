-- Online applications (電子申請, issue 7): one draft per person and service, resumable, with the files
-- attached to it. Drafts are personal data (a whole application form); every read and write is audited.

-- submission_id is fixed when the draft is created, so the canonical application the card will sign
-- keeps one identity however often the resident saves.
create table application_draft (
  id uuid constraint application_draft_pk primary key,
  subject text not null constraint application_draft_subject_fk references account (subject) on delete cascade,
  municipality text not null constraint application_draft_municipality_ck check (municipality ~ '^[0-9]{6}$'),
  service_id text not null constraint application_draft_service_ck check (service_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(service_id) <= 64),
  answers jsonb not null default '{}',
  submission_id uuid not null constraint application_draft_submission_uq unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint application_draft_owner_uq unique (subject, municipality, service_id)
);
comment on table application_draft is 'Application drafts (一時保存): the form values a person entered for one service (personal data).';

create table application_attachment (
  id uuid constraint application_attachment_pk primary key,
  draft_id uuid not null constraint application_attachment_draft_fk references application_draft (id) on delete cascade,
  document_id text not null constraint application_attachment_document_ck check (document_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(document_id) <= 64),
  filename text not null constraint application_attachment_filename_ck check (char_length(filename) between 1 and 200),
  -- Detected from the bytes (sniff), never taken from the browser's Content-Type.
  media_type text not null constraint application_attachment_media_type_ck check (media_type in
    ('application/pdf', 'image/jpeg', 'image/png', 'image/heic', 'image/heif')),
  size integer not null constraint application_attachment_size_ck check (size between 1 and 20971520),
  sha256 bytea not null constraint application_attachment_sha256_ck check (length(sha256) = 32),
  content bytea not null,
  created_at timestamptz not null default now(),
  constraint application_attachment_content_ck check (length(content) = size)
);
create index application_attachment_draft_ix on application_attachment (draft_id, document_id, created_at);
comment on table application_attachment is 'Files a person attached to an application draft (scanned certificates: personal data).';
