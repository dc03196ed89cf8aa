-- お知らせ inbox (docs/notices.md "Inbox"): a notice's content is stored once; each recipient costs one
-- 16-byte membership row; read/archive state exists only for notices a person has touched.
create table notice (
  id bigint generated always as identity constraint notice_pk primary key,
  agency_code text not null constraint notice_agency_code_ck check (agency_code ~ '^[a-z0-9-]{1,32}$'),
  agency_notice_id uuid not null,
  content_hash bytea not null,
  kind text not null constraint notice_kind_ck check (kind in
    ('checkup', 'vaccination', 'status_report', 'correction', 'result', 'payment', 'tax', 'benefit', 'general')),
  title text not null constraint notice_title_ck check (length(title) between 1 and 120),
  body text not null constraint notice_body_ck check (length(body) <= 10000),
  actions jsonb not null default '[]',
  sent_at timestamptz not null,
  expires_at timestamptz,
  received_at timestamptz not null default now(),
  constraint notice_agency_notice_uq unique (agency_code, agency_notice_id)
);
comment on table notice is 'Notices from agencies, one row per notice however many recipients; may hold personal data (a one-person notice).';

create table notice_attachment (
  notice_id bigint not null constraint notice_attachment_notice_fk references notice (id),
  position smallint not null constraint notice_attachment_position_ck check (position between 0 and 2),
  filename text not null constraint notice_attachment_filename_ck check (length(filename) between 1 and 200),
  content bytea not null constraint notice_attachment_content_ck check (length(content) <= 2097152),
  constraint notice_attachment_pk primary key (notice_id, position)
);
comment on table notice_attachment is 'PDF attachments of notices (checked by the %PDF- magic before storing).';

-- A dense number per portal link code, created when the first notice for that person arrives (even
-- before they ever log in); account.fugo joins it.
create table notice_recipient (
  recipient_no bigint generated always as identity constraint notice_recipient_pk primary key,
  fugo text not null constraint notice_recipient_fugo_uq unique,
  created_at timestamptz not null default now()
);
comment on table notice_recipient is 'Portal link codes (符号) that have received notices; personal (pseudonymous) identifiers.';

-- Key order (recipient, notice): one person's inbox is one index range.
create table notice_delivery (
  recipient_no bigint not null constraint notice_delivery_recipient_fk references notice_recipient (recipient_no),
  notice_id bigint not null constraint notice_delivery_notice_fk references notice (id),
  constraint notice_delivery_pk primary key (recipient_no, notice_id)
);
comment on table notice_delivery is 'Which notices are in whose inbox (personal: who received what).';

create table notice_state (
  recipient_no bigint not null,
  notice_id bigint not null,
  read_at timestamptz,
  archived_at timestamptz,
  constraint notice_state_pk primary key (recipient_no, notice_id),
  constraint notice_state_delivery_fk foreign key (recipient_no, notice_id) references notice_delivery (recipient_no, notice_id)
);
comment on table notice_state is 'Read/archive state, created on first open or archive.';

-- Mail alerts are on for every kind by default; a row here switches one kind off for one account.
create table notice_alert_off (
  subject text not null constraint notice_alert_off_account_fk references account (subject) on delete cascade,
  kind text not null,
  constraint notice_alert_off_pk primary key (subject, kind)
);
comment on table notice_alert_off is 'Notice kinds for which a person switched the mail alert off.';

-- Sent alerts, committed one by one right after each mail, so a retried job skips those already mailed.
create table notice_alert_sent (
  subject text not null constraint notice_alert_sent_account_fk references account (subject) on delete cascade,
  notice_id bigint not null constraint notice_alert_sent_notice_fk references notice (id),
  sent_at timestamptz not null default now(),
  constraint notice_alert_sent_pk primary key (subject, notice_id)
);
comment on table notice_alert_sent is 'Mail alerts sent (account, notice); the mail itself holds no notice content.';
