import { randomInt, randomUUID } from 'node:crypto';
import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { generateMyNumber } from '@madoguchi/identifiers';
import { familyNames, givenNames, townsByMunicipality } from '@madoguchi/reference';
import {
  findAgency,
  findHousehold,
  findResidentFacts,
  insertResidentUnlessNumberTaken,
} from '../data/residents.ts';
import type { AgencyDB } from '../data/schema.ts';

export interface ResidentFacts {
  familyName: string;
  givenName: string;
  address: string;
  birthDate: string;
  sex: 1 | 2 | 3;
}

export interface StaffResident {
  id: string;
  municipalityCode: string;
  familyKana: string;
  givenKana: string;
  facts: ResidentFacts;
}

export interface NewResidentInput {
  municipalityCode?: string;
  familyName?: string;
  givenName?: string;
  familyKana?: string;
  givenKana?: string;
  birthDate?: string;
  sex?: 1 | 2 | 3;
  address?: string;
  /** Joins this resident's household (住民票の世帯) instead of starting a new one. */
  householdOf?: string;
  relationship?: 'head' | 'spouse' | 'child' | 'parent' | 'other';
}

const readPurpose = '電子証明書の発行に伴う基本4情報の確認 (basic facts for card issuance)';
const createPurpose = 'デモ住民の登録 (demo resident for a virtual My Number card)';

function toStaffResident(r: NonNullable<Awaited<ReturnType<typeof findResidentFacts>>>): StaffResident {
  return {
    id: r.id,
    municipalityCode: r.municipality_code,
    familyKana: r.family_kana,
    givenKana: r.given_kana,
    facts: {
      familyName: r.family_name,
      givenName: r.given_name,
      address: r.address,
      birthDate: r.birth_date,
      sex: Number(r.sex) as 1 | 2 | 3,
    },
  };
}

/** Reads one resident's facts with its audit row (found or not) in the same transaction. */
export async function readResidentForStaff(
  db: Kysely<AgencyDB>,
  staffId: string,
  requestId: string,
  id: string,
): Promise<StaffResident> {
  const row = await db.transaction().execute(async (trx) => {
    const found = await findResidentFacts(trx, id);
    await writeAudit(trx, {
      type: 'resident.read',
      actor: `staff:${staffId}`,
      purpose: readPurpose,
      requestId,
      subject: `resident:${id}`,
      outcome: found ? 'success' : 'failure',
      ...(found ? { detail: { municipalityCode: found.municipality_code } } : {}),
    });
    return found;
  });
  if (!row) throw new AppError('resource.not_found');
  return toStaffResident(row);
}

function isRealPastDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso && d.getTime() <= Date.now();
}

const pick = <T>(list: readonly T[]): T => list[randomInt(list.length)] as T;
const cryptoRand = () => randomInt(2 ** 47) / 2 ** 47;

/**
 * Creates a demo resident: given fields are kept, the rest drawn from the demo name lists. The My
 * Number is random and checksum-valid; a collision with an existing one simply draws again.
 */
export async function createResidentForStaff(
  db: Kysely<AgencyDB>,
  staffId: string,
  requestId: string,
  input: NewResidentInput,
): Promise<StaffResident> {
  if (input.birthDate !== undefined && !isRealPastDate(input.birthDate))
    throw new AppError('request.invalid', {
      fields: [
        {
          path: '/body/birthDate',
          code: 'date',
          message: { ja: '正しい生年月日を入力してください。', en: 'Enter a real birth date.' },
        },
      ],
    });
  return db.transaction().execute(async (trx) => {
    const household = input.householdOf ? await findHousehold(trx, input.householdOf) : undefined;
    if (
      input.householdOf &&
      (!household || (input.municipalityCode && input.municipalityCode !== household.municipality_code))
    )
      throw new AppError('request.invalid', {
        fields: [
          {
            path: '/body/householdOf',
            code: 'household',
            message: {
              ja: '同じ市区町村の世帯を指定してください。',
              en: 'Name a household in the same municipality.',
            },
          },
        ],
      });
    if (household ? input.relationship === 'head' : (input.relationship ?? 'head') !== 'head')
      throw new AppError('request.invalid', {
        fields: [
          {
            path: '/body/relationship',
            code: 'head',
            message: {
              ja: '世帯員の続柄は世帯（householdOf）とともに指定してください。世帯主は各世帯に一人です。',
              en: 'A member joins a household (householdOf); each household has one head.',
            },
          },
        ],
      });
    const municipalityCode = household?.municipality_code ?? input.municipalityCode ?? '131016';
    const agency = await findAgency(trx, municipalityCode);
    if (!agency || (agency.kind !== 'municipality' && agency.kind !== 'ward'))
      throw new AppError('request.invalid', {
        fields: [
          {
            path: '/body/municipalityCode',
            code: 'municipality',
            message: { ja: '市区町村コードが見つかりません。', en: 'No such municipality.' },
          },
        ],
      });
    const sex = input.sex ?? (randomInt(2) === 0 ? 1 : 2);
    const [family, familyKana] = pick(familyNames);
    const [given, givenKana] = pick(sex === 2 ? givenNames.female : givenNames.male);
    const place = townsByMunicipality[municipalityCode];
    const block = `${1 + randomInt(5)}丁目${1 + randomInt(20)}番${1 + randomInt(30)}号`;
    const year = 1950 + randomInt(56);
    const row = {
      id: randomUUID(),
      municipality_code: municipalityCode,
      my_number: '',
      family_name: input.familyName ?? family,
      given_name: input.givenName ?? given,
      family_kana: input.familyKana ?? (input.familyName ? '' : familyKana),
      given_kana: input.givenKana ?? (input.givenName ? '' : givenKana),
      birth_date:
        input.birthDate ??
        `${year}-${String(1 + randomInt(12)).padStart(2, '0')}-${String(1 + randomInt(28)).padStart(2, '0')}`,
      sex,
      address:
        input.address ??
        household?.address ??
        (place ? `${place.prefecture}${place.city}${pick(place.towns)}${block}` : `${agency.name}${block}`),
      household_id: household?.household_id ?? randomUUID(),
      relationship: input.relationship ?? (household ? 'other' : 'head'),
    };
    let inserted: { id: string } | undefined;
    for (let attempt = 0; attempt < 10 && !inserted; attempt++) {
      row.my_number = generateMyNumber(cryptoRand);
      inserted = await insertResidentUnlessNumberTaken(trx, row);
    }
    if (!inserted) throw new Error('could not draw an unused My Number in 10 attempts');
    await writeAudit(trx, {
      type: 'resident.created',
      actor: `staff:${staffId}`,
      purpose: createPurpose,
      requestId,
      subject: `resident:${row.id}`,
      outcome: 'success',
      detail: { municipalityCode, ...(household ? { joinedHousehold: true } : {}) },
    });
    return toStaffResident({ ...row, sex: row.sex });
  });
}
