-- Every end-entity certificate the authority issued; OCSP and the CRLs are answered from here.
create table certificate (
  serial text constraint certificate_pk primary key constraint certificate_serial_ck check (serial ~ '^[0-9a-f]{1,40}$'),
  card_serial text not null constraint certificate_card_fk references card (serial),
  kind text not null constraint certificate_kind_ck check (kind in ('sign', 'auth')),
  status text not null default 'good' constraint certificate_status_ck check (status in ('good', 'revoked')),
  not_before timestamptz not null,
  not_after timestamptz not null,
  certificate_pem text not null,
  replaces_serial text constraint certificate_replaces_fk references certificate (serial),
  revoked_at timestamptz,
  revocation_reason text constraint certificate_revocation_reason_ck check (revocation_reason in
    ('unspecified', 'keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation')),
  issued_at timestamptz not null default now(),
  constraint certificate_revoked_ck check ((status = 'revoked') = (revoked_at is not null and revocation_reason is not null))
);
create index certificate_card_serial_ix on certificate (card_serial);
-- The CRL lists the revoked certificates of one CA; a partial index keeps that scan small.
create index certificate_revoked_ix on certificate (kind, revoked_at) where status = 'revoked';
-- At most one good certificate of each kind per card.
create unique index certificate_card_kind_good_uq on certificate (card_serial, kind) where status = 'good';
comment on table certificate is 'Personal data: signature certificates carry name, address, birth date and sex.';
