-- 問い合わせ: questions residents send through the portal; staff read them from the agency app.
create table inquiry (
  id uuid constraint inquiry_pk primary key,
  reference text not null constraint inquiry_reference_uq unique,
  name text not null constraint inquiry_name_len_ck check (char_length(name) between 1 and 100),
  email text not null constraint inquiry_email_len_ck check (char_length(email) between 3 and 254),
  category text not null constraint inquiry_category_ck check (category in ('account', 'card', 'notices', 'applications', 'other')),
  message text not null constraint inquiry_message_len_ck check (char_length(message) between 1 and 4000),
  lang text not null constraint inquiry_lang_ck check (lang in ('ja', 'en')),
  created_at timestamptz not null default now()
);
create index inquiry_created_at_ix on inquiry (created_at desc);
comment on table inquiry is 'Personal data: name and e-mail of the person asking. Reads are audited (inquiry.listed).';
