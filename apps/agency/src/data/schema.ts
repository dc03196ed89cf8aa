import type { Generated } from '@madoguchi/db';

export interface AgencyTable {
  code: string;
  name: string;
  name_kana: string;
  kind: 'national' | 'prefecture' | 'municipality' | 'ward';
  prefecture_code: string | null;
  parent_code: string | null;
  has_demo_residents: Generated<boolean>;
}

export interface ResidentTable {
  id: string;
  municipality_code: string;
  my_number: string;
  family_name: string;
  given_name: string;
  family_kana: string;
  given_kana: string;
  birth_date: string;
  sex: 1 | 2 | 3;
  address: string;
  household_id: string;
  relationship: 'head' | 'spouse' | 'child' | 'parent' | 'other';
  created_at: Generated<Date>;
  /** The municipality's link code (符号) from the hub; null until registered. */
  fugo: Generated<string | null>;
}

export interface InfoRecordTable {
  id: string;
  agency_code: string;
  fugo: string;
  info_type: string;
  title: string;
  as_of: string;
  /** jsonb array of {key, label, value} (InfoField). */
  fields: unknown;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  updated_by: string;
}

export interface AgencyCopyTable {
  agency_code: string;
  fugo: string;
  created_at: Generated<Date>;
}

export interface PermitUseTable {
  jti: string;
  agency_code: string;
  used_at: Generated<Date>;
}

export interface DemoLinkTable {
  resident_id: string;
  linked_at: Generated<Date>;
}

// Notices (H1, migration 0005_notice.sql; docs/notices.md "Sending").
export interface NoticeTable {
  id: string;
  agency_code: string;
  kind: string;
  title: string;
  body: string;
  /** jsonb array of {type, label, url}. */
  actions: unknown;
  /** jsonb NoticeAudience. */
  audience: unknown;
  audience_as_of: string;
  expires_at: Date | null;
  status: Generated<'queued' | 'sending' | 'sent' | 'failed'>;
  cursor_fugo: string | null;
  steps: Generated<number>;
  recipients_total: number | null;
  delivered: Generated<number>;
  unknown_count: Generated<number>;
  created_by: string;
  created_at: Generated<Date>;
  sent_at: Date | null;
}

export interface NoticeAttachmentTable {
  notice_id: string;
  no: number;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  content: Buffer;
}

export interface NoticeUnknownRecipientTable {
  notice_id: string;
  fugo: string;
}

export interface NoticeScheduleSendTable {
  schedule_row: string;
  fugo: string;
  guardian_fugo: string;
  municipality_code: string;
  notice_id: string;
  trigger_date: string;
  created_at: Generated<Date>;
}

export interface AgencyDB {
  agency: AgencyTable;
  resident: ResidentTable;
  info_record: InfoRecordTable;
  agency_copy: AgencyCopyTable;
  permit_use: PermitUseTable;
  demo_link: DemoLinkTable;
  notice: NoticeTable;
  notice_attachment: NoticeAttachmentTable;
  notice_unknown_recipient: NoticeUnknownRecipientTable;
  notice_schedule_send: NoticeScheduleSendTable;
}
