import type { Generated } from '@madoguchi/db';

export interface AgencyTable {
  code: string;
  name: string;
  name_kana: string;
  kind: 'national' | 'prefecture' | 'municipality' | 'ward';
  prefecture_code: string | null;
  corporate_number: string | null;
  parent_code: string | null;
  registered_at: Generated<Date>;
}

export interface HubDB {
  agency: AgencyTable;
}
