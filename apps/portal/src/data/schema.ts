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

export interface PortalDB {
  inquiry: InquiryTable;
}
