import type { Generated } from '@madoguchi/db';

export interface CaKeyTable {
  name: 'root' | 'sign' | 'auth' | 'ocsp-sign' | 'ocsp-auth';
  certificate_pem: string;
  encrypted_private_key_pem: string;
  created_at: Generated<Date>;
}

export interface JpkiDB {
  ca_key: CaKeyTable;
}
