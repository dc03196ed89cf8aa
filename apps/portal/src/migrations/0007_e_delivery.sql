-- 民間送達サービス連携 (private e-delivery, docs/notices.md): the link of a portal account to a mailbox at
-- an e-delivery service, the webhook deliveries of notices to it, and the deduction certificates
-- (控除証明書) the person imported from it.

-- One pending authorization per browser session: the OAuth state and PKCE verifier live here (not in
-- the browser) and die with the session, so a code can only be redeemed by the session that asked.
create table e_delivery_authorization (
  state_hash bytea constraint e_delivery_authorization_pk primary key,
  session_hash bytea not null
    constraint e_delivery_authorization_session_fk references session (id_hash) on delete cascade,
  subject text not null constraint e_delivery_authorization_subject_fk references account (subject) on delete cascade,
  code_verifier text not null,
  expires_at timestamptz not null
);
create index e_delivery_authorization_session_ix on e_delivery_authorization (session_hash);

create table e_delivery_link (
  subject text constraint e_delivery_link_pk primary key
    constraint e_delivery_link_subject_fk references account (subject) on delete cascade,
  mailbox_id text not null constraint e_delivery_link_mailbox_ck check (char_length(mailbox_id) between 1 and 200),
  -- AES-256-GCM (iv ‖ tag ‖ ciphertext) under a key derived from PORTAL_WEBHOOK_SECRET: never shown.
  access_token_enc bytea not null,
  kinds text[] not null,
  linked_at timestamptz not null default now()
);
comment on table e_delivery_link is 'Which e-delivery mailbox a person linked their account to, and which notice kinds go there (personal data).';

-- One row per (notice, account) sent to e-delivery; id is the webhook's Idempotency-Key.
create table e_delivery_webhook (
  id uuid constraint e_delivery_webhook_pk primary key,
  subject text not null constraint e_delivery_webhook_subject_fk references account (subject) on delete cascade,
  notice_id bigint not null constraint e_delivery_webhook_notice_fk references notice (id),
  mailbox_id text not null,
  status text not null default 'pending'
    constraint e_delivery_webhook_status_ck check (status in ('pending', 'delivered', 'retrying', 'dead')),
  attempts integer not null default 0,
  last_error text constraint e_delivery_webhook_last_error_ck check (char_length(last_error) <= 100),
  created_at timestamptz not null default now(),
  delivered_at timestamptz,
  constraint e_delivery_webhook_notice_subject_uq unique (notice_id, subject)
);
create index e_delivery_webhook_subject_ix on e_delivery_webhook (subject, created_at desc);
comment on table e_delivery_webhook is 'Deliveries of notices to a person''s e-delivery mailbox (who received what: personal data).';

create table deduction_certificate (
  id uuid constraint deduction_certificate_pk primary key,
  subject text not null constraint deduction_certificate_subject_fk references account (subject) on delete cascade,
  source_id text not null constraint deduction_certificate_source_ck check (char_length(source_id) between 1 and 200),
  xml text not null,
  sha256 bytea not null,
  verified boolean not null,
  problem text,
  issuer_name text,
  houjin_bangou text,
  kind text,
  year integer,
  amount bigint,
  imported_at timestamptz not null default now(),
  constraint deduction_certificate_subject_sha256_uq unique (subject, sha256)
);
create index deduction_certificate_subject_ix on deduction_certificate (subject, imported_at desc);
comment on table deduction_certificate is '控除証明書 a person imported from e-delivery: the original signed XML and its verification result (personal data).';
