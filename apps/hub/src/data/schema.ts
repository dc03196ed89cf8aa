import type { Generated } from '@madoguchi/db';
import type { LogTables } from '../log/log-schema.ts';

export interface AgencyTable {
  code: string;
  name: string;
  name_kana: string;
  kind: 'national' | 'prefecture' | 'municipality' | 'ward';
  prefecture_code: string | null;
  corporate_number: string | null;
  parent_code: string | null;
  registered_at: Generated<Date>;
  /** Raw 32-byte Ed25519 public key; null until an administrator enrolls the agency. */
  public_key: Buffer | null;
  /** Base URL of the agency's intermediate server (中間サーバー); null for a querier-only agency. */
  endpoint_url: string | null;
  enrolled_at: Date | null;
}

export interface PersonTable {
  id: string;
  person_key: Buffer;
  registered_by: string;
  created_at: Generated<Date>;
}

export interface FugoTable {
  agency_code: string;
  person_id: string;
  fugo: string;
  created_at: Generated<Date>;
}

export interface AuditEventTable {
  id: Generated<string>;
  occurred_at: Generated<Date>;
  type: string;
  actor: string;
  on_behalf_of: string | null;
  purpose: string;
  request_id: string;
  subject: string | null;
  outcome: string;
  detail: unknown;
}

export interface HubDB extends LogTables {
  agency: AgencyTable;
  person: PersonTable;
  fugo: FugoTable;
  audit_event: AuditEventTable;
}
