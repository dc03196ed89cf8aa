import type { Generated } from '@madoguchi/db';

/** Kysely types of migration 0007 (private e-delivery); listed in PortalDB in schema.ts. */

export interface EDeliveryAuthorizationTable {
  state_hash: Buffer;
  session_hash: Buffer;
  subject: string;
  code_verifier: string;
  expires_at: Date;
}

export interface EDeliveryLinkTable {
  subject: string;
  mailbox_id: string;
  access_token_enc: Buffer;
  kinds: string[];
  linked_at: Generated<Date>;
}

export type EDeliveryStatus = 'pending' | 'delivered' | 'retrying' | 'dead';

export interface EDeliveryWebhookTable {
  id: string;
  subject: string;
  notice_id: number;
  mailbox_id: string;
  status: Generated<EDeliveryStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Generated<Date>;
  delivered_at: Date | null;
}

export interface DeductionCertificateTable {
  id: string;
  subject: string;
  source_id: string;
  xml: string;
  sha256: Buffer;
  verified: boolean;
  problem: string | null;
  issuer_name: string | null;
  houjin_bangou: string | null;
  kind: string | null;
  year: number | null;
  amount: number | null;
  imported_at: Generated<Date>;
}
