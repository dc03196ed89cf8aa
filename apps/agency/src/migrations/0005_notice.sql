-- お知らせ (notices) an agency sends through the hub to residents' portal inboxes (docs/notices.md "Sending").
-- The content is stored once per notice; recipients are evaluated from the agency's own records when the
-- fan-out job walks them, so a segment notice to a million people is one row here.
create table notice (
  id uuid constraint notice_pk primary key,
  agency_code text not null constraint notice_agency_fk references agency (code),
  kind text not null constraint notice_kind_ck check (kind in
    ('checkup', 'vaccination', 'status_report', 'correction', 'result', 'payment', 'tax', 'benefit', 'general')),
  title text not null constraint notice_title_ck check (length(title) between 1 and 120),
  body text not null constraint notice_body_ck check (length(body) <= 10000),
  actions jsonb not null default '[]'::jsonb constraint notice_actions_ck check (jsonb_typeof(actions) = 'array'),
  -- { type: 'person', fugo } | { type: 'segment', rule } | { type: 'schedule', row } (see notice_schedule_send).
  audience jsonb not null constraint notice_audience_ck check (jsonb_typeof(audience) = 'object'),
  -- Ages in a segment rule are evaluated on this day (JST), the same for every step of the fan-out.
  audience_as_of date not null,
  expires_at timestamptz,
  status text not null default 'queued' constraint notice_status_ck check (status in ('queued', 'sending', 'sent', 'failed')),
  -- Keyset cursor: the last link code handed to the hub; steps counts the fan-out steps committed.
  cursor_fugo text,
  steps integer not null default 0,
  recipients_total integer,
  delivered integer not null default 0,
  unknown_count integer not null default 0,
  created_by text not null,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index notice_agency_code_created_at_ix on notice (agency_code, created_at desc);
comment on table notice is 'Notices to residents: content and audience (a link code or a rule over the agency''s records); no names or addresses.';

create table notice_attachment (
  notice_id uuid not null constraint notice_attachment_notice_fk references notice (id),
  no smallint not null constraint notice_attachment_no_ck check (no between 1 and 3),
  filename text not null constraint notice_attachment_filename_ck check (length(filename) between 1 and 200),
  content_type text not null constraint notice_attachment_content_type_ck check (content_type = 'application/pdf'),
  size integer not null constraint notice_attachment_size_ck check (size between 5 and 2097152),
  sha256 text not null,
  content bytea not null,
  constraint notice_attachment_pk primary key (notice_id, no)
);

-- Link codes the hub did not know (reported, never silently dropped).
create table notice_unknown_recipient (
  notice_id uuid not null constraint notice_unknown_recipient_notice_fk references notice (id),
  fugo text not null,
  constraint notice_unknown_recipient_pk primary key (notice_id, fugo)
);
comment on table notice_unknown_recipient is 'Personal data: link codes a notice could not be addressed to.';

-- Age-based schedule (schedules/boshi-hoken.tsv): one row per (schedule row, child) ever sent, written in
-- the same transaction as the notice and its fan-out job, so a child is never notified twice for a row.
create table notice_schedule_send (
  schedule_row text not null,
  fugo text not null,
  guardian_fugo text not null,
  municipality_code text not null constraint notice_schedule_send_municipality_fk references agency (code),
  notice_id uuid not null constraint notice_schedule_send_notice_fk references notice (id),
  trigger_date date not null,
  created_at timestamptz not null default now(),
  constraint notice_schedule_send_pk primary key (schedule_row, fugo)
);
create index notice_schedule_send_notice_id_guardian_fugo_ix on notice_schedule_send (notice_id, guardian_fugo);
comment on table notice_schedule_send is 'Personal data: which child (link code) was notified for which schedule row, and through which guardian.';
