import { kosodateServicesFor } from './kosodate/index.ts';
import type { ServiceDefinition } from './service-definition.ts';

/** A definition from the shipped set, for tests (千代田区 unless said otherwise). */
export function shipped(id: string, municipality = '131016'): ServiceDefinition {
  const def = kosodateServicesFor(municipality).find((d) => d.id === id);
  if (!def) throw new Error(`no shipped definition ${id}`);
  return def;
}

const person = (familyName: string, givenName: string, familyNameKana: string, givenNameKana: string) => ({
  familyName,
  givenName,
  familyNameKana,
  givenNameKana,
});

/**
 * A 児童手当 認定請求 as a family in 千代田区 would fill it: both parents, one baby, an account other than
 * the 公金受取口座. The My Numbers are made up but carry valid check digits (番号法施行令第8条).
 */
export function filledNintei(): Record<string, unknown> {
  return {
    applicant: {
      ...person('佐藤', '花子', 'サトウ', 'ハナコ'),
      birthDate: '1990-04-12',
      myNumber: '123456789018',
      postalCode: '100-0013',
      address: '東京都千代田区霞が関1-2-3',
      phone: '03-1234-5678',
      email: 'hanako@example.jp',
      pension: 'kosei',
    },
    hasSpouse: true,
    spouse: {
      ...person('佐藤', '太郎', 'サトウ', 'タロウ'),
      birthDate: '1988-11-03',
      myNumber: '987654321093',
    },
    children: [
      {
        ...person('佐藤', '陽菜', 'サトウ', 'ヒナ'),
        birthDate: '2025-06-01',
        relationship: 'child',
        livesTogether: true,
        myNumber: '111222333446',
      },
    ],
    olderChildren: [],
    accountChoice: 'other',
    bank: {
      bankName: 'みずほ銀行',
      bankCode: '0001',
      branchName: '東京営業部',
      branchCode: '001',
      accountType: 'futsu',
      accountNumber: '1234567',
      holderKana: 'サトウ ハナコ',
    },
  };
}
