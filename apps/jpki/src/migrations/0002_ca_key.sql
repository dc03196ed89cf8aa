-- Certificate authority keys and certificates. Private keys are stored encrypted (PKCS#8, AES-256)
-- under JPKI_KEY_PASSPHRASE, which never enters the database.
create table ca_key (
  name text constraint ca_key_pk primary key constraint ca_key_name_ck check (name in ('root', 'sign', 'auth', 'ocsp-sign', 'ocsp-auth')),
  certificate_pem text not null,
  encrypted_private_key_pem text not null,
  created_at timestamptz not null default now()
);
