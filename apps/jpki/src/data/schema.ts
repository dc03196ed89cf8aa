import type { ColumnType, Generated } from '@madoguchi/db';

export type CaName = 'root' | 'sign' | 'auth' | 'ocsp-sign' | 'ocsp-auth';
export type CertificateKind = 'sign' | 'auth';
export type RevocationReason =
  | 'unspecified'
  | 'keyCompromise'
  | 'affiliationChanged'
  | 'superseded'
  | 'cessationOfOperation';

export interface CaKeyTable {
  name: CaName;
  certificate_pem: string;
  encrypted_private_key_pem: string;
  created_at: Generated<Date>;
}

export interface PersonTable {
  id: Generated<string>;
  resident_ref: string;
  created_at: Generated<Date>;
}

export interface CardTable {
  serial: string;
  person_id: string;
  status: ColumnType<'active' | 'superseded', 'active' | 'superseded' | undefined, 'active' | 'superseded'>;
  issued_at: Generated<Date>;
  unlocked_at: Date | null;
}

export interface CertificateTable {
  serial: string;
  card_serial: string;
  kind: CertificateKind;
  status: ColumnType<'good' | 'revoked', 'good' | 'revoked' | undefined, 'good' | 'revoked'>;
  not_before: Date;
  not_after: Date;
  certificate_pem: string;
  replaces_serial: string | null;
  revoked_at: Date | null;
  revocation_reason: RevocationReason | null;
  issued_at: Generated<Date>;
}

export interface CrlCounterTable {
  kind: CertificateKind;
  last_number: ColumnType<string, string | number | bigint, string | number | bigint>;
}

export interface CrlTable {
  kind: CertificateKind;
  crl_number: ColumnType<string, string | number | bigint, never>;
  this_update: Date;
  next_update: Date;
  der: Buffer;
}

export interface JpkiDB {
  ca_key: CaKeyTable;
  person: PersonTable;
  card: CardTable;
  certificate: CertificateTable;
  crl_counter: CrlCounterTable;
  crl: CrlTable;
}
