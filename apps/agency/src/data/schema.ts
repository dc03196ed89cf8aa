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
}

export interface AgencyDB {
  agency: AgencyTable;
  resident: ResidentTable;
}
