import type { Generated } from '@madoguchi/db';

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

export interface PortalDB {
  inquiry: InquiryTable;
  account: AccountTable;
  session: SessionTable;
  login_challenge: LoginChallengeTable;
}
