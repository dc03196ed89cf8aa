-- A portal account is keyed by the pairwise subject the card authority gives the portal: never a My
-- Number, never a certificate serial (those change at renewal; the subject does not).
create table account (
  subject text constraint account_pk primary key,
  nickname text constraint account_nickname_ck check (char_length(nickname) between 1 and 20),
  email text constraint account_email_ck check (char_length(email) <= 254),
  email_confirmed_at timestamptz,
  pending_email text constraint account_pending_email_ck check (char_length(pending_email) <= 254),
  email_token_hash bytea constraint account_email_token_hash_uq unique,
  email_token_expires_at timestamptz,
  created_at timestamptz not null default now(),
  last_login_at timestamptz not null default now()
);
comment on table account is 'Portal accounts: nickname and notification e-mail (personal data), keyed by the JPKI pairwise subject.';

-- Browser sessions. Only the SHA-256 of the session id is stored, so a database dump cannot be replayed
-- as cookies. subject is null for a pre-login session (it carries the login challenge and the CSRF token).
create table session (
  id_hash bytea constraint session_pk primary key,
  subject text constraint session_subject_fk references account (subject) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index session_subject_ix on session (subject);
create index session_expires_at_ix on session (expires_at);

-- Card login challenges: random, bound to one browser session, single use, five minutes.
create table login_challenge (
  id uuid constraint login_challenge_pk primary key,
  session_hash bytea not null constraint login_challenge_session_fk references session (id_hash) on delete cascade,
  challenge text not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
create index login_challenge_session_ix on login_challenge (session_hash);
