import type { ColumnType, Generated } from '@madoguchi/db';

export interface InquiryTable {
  id: string;
  reference: string;
  name: string;
  email: string;
  category: 'account' | 'card' | 'notices' | 'applications' | 'other';
  message: string;
  lang: 'ja' | 'en';
  created_at: Generated<Date>;
}

export interface AccountTable {
  subject: string;
  nickname: string | null;
  email: string | null;
  email_confirmed_at: Date | null;
  pending_email: string | null;
  email_token_hash: Buffer | null;
  email_token_expires_at: Date | null;
  /** Link code (符号) at the hub; null until the first successful link after a card login. */
  fugo: string | null;
  created_at: Generated<Date>;
  last_login_at: Generated<Date>;
}

export interface SessionTable {
  id_hash: Buffer;
  subject: string | null;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
}

export interface LoginChallengeTable {
  id: string;
  session_hash: Buffer;
  challenge: string;
  expires_at: Date;
  used_at: Date | null;
}

// Notices inbox (issue 6, H2; migration 0006).
export interface NoticeTable {
  id: Generated<number>;
  agency_code: string;
  agency_notice_id: string;
  content_hash: Buffer;
  kind: string;
  title: string;
  body: string;
  actions: unknown;
  sent_at: Date;
  expires_at: Date | null;
  received_at: Generated<Date>;
}
export interface NoticeAttachmentTable {
  notice_id: number;
  position: number;
  filename: string;
  content: Buffer;
}
export interface NoticeRecipientTable {
  recipient_no: Generated<number>;
  fugo: string;
  created_at: Generated<Date>;
}
export interface NoticeDeliveryTable {
  recipient_no: number;
  notice_id: number;
}
export interface NoticeStateTable {
  recipient_no: number;
  notice_id: number;
  read_at: Date | null;
  archived_at: Date | null;
}
export interface NoticeAlertOffTable {
  subject: string;
  kind: string;
}
export interface NoticeAlertSentTable {
  subject: string;
  notice_id: number;
  sent_at: Generated<Date>;
}
export interface NoticeTables {
  notice: NoticeTable;
  notice_attachment: NoticeAttachmentTable;
  notice_recipient: NoticeRecipientTable;
  notice_delivery: NoticeDeliveryTable;
  notice_state: NoticeStateTable;
  notice_alert_off: NoticeAlertOffTable;
  notice_alert_sent: NoticeAlertSentTable;
}

// Online application drafts and their attachments (issue 7; migration 0008).
export interface ApplicationDraftTable {
  id: string;
  subject: string;
  municipality: string;
  service_id: string;
  answers: unknown;
  submission_id: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface ApplicationAttachmentTable {
  id: string;
  /**
   * Null once the file moved to a submitted application (migration 0009). Typed as non-null on select
   * because every draft query joins or filters on it, which never yields a moved file.
   */
  draft_id: ColumnType<string, string, string | null>;
  application_id: ColumnType<string | null, string | null | undefined, string | null>;
  document_id: string;
  filename: string;
  media_type: string;
  size: number;
  sha256: Buffer;
  content: Buffer;
  created_at: Generated<Date>;
}

export interface PortalDB extends NoticeTables {
  inquiry: InquiryTable;
  account: AccountTable;
  session: SessionTable;
  login_challenge: LoginChallengeTable;
  // Private e-delivery (migration 0007; types in e-delivery-schema.ts).
  e_delivery_authorization: import('./e-delivery-schema.ts').EDeliveryAuthorizationTable;
  e_delivery_link: import('./e-delivery-schema.ts').EDeliveryLinkTable;
  e_delivery_webhook: import('./e-delivery-schema.ts').EDeliveryWebhookTable;
  deduction_certificate: import('./e-delivery-schema.ts').DeductionCertificateTable;
  application_draft: ApplicationDraftTable;
  application_attachment: ApplicationAttachmentTable;
  application: ApplicationTable;
}

// Submitted applications (issue 7; migration 0009).
export interface ApplicationTable {
  id: string;
  subject: string;
  municipality: string;
  service_id: string;
  service_title: string;
  receipt_number: string;
  canonical: Buffer;
  sha256: Buffer;
  signature: Buffer;
  signer: unknown;
  signed_at: Date;
  submitted_at: Generated<Date>;
  status: Generated<'submitted'>;
}
