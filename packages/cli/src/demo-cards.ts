import { X509Certificate } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { cardInfo, readFacts } from '@madoguchi/card';
import type { BasicFacts } from '@madoguchi/pki';
import { issueCardFile } from './card-issue.ts';
import {
  type AgencyResident,
  agencyStaff,
  jpkiStaff,
  RemoteError,
  type StaffApi,
  staffCall,
} from './card-staff-clients.ts';

export interface DemoCard {
  path: string;
  /** The holder's name, as printed on the card. */
  holder: string;
  authPin: string;
  signPin: string;
  supportPin: string;
}

export interface DemoCardHolder {
  file: string;
  municipalityCode: string;
  facts: BasicFacts;
  familyKana: string;
  givenKana: string;
  /** Joins the household of the holder with this card file (住民票の同一世帯), as this relationship. */
  household?: { of: string; relationship: 'spouse' | 'child' | 'parent' | 'other' };
  authPin: string;
  signPin: string;
  supportPin: string;
}

/**
 * The demo people of the README. Fixed PINs are fine only because these are demo cards on a
 * development machine; `madoguchi card issue` generates random ones.
 */
export const demoCardHolders: readonly DemoCardHolder[] = [
  {
    file: 'digital-hanako.json',
    municipalityCode: '131016',
    facts: {
      familyName: 'デジタル',
      givenName: '花子',
      address: '東京都千代田区霞が関1丁目1番1号',
      birthDate: '1985-04-01',
      sex: 2,
    },
    familyKana: 'デジタル',
    givenKana: 'ハナコ',
    authPin: '1234',
    signPin: 'ABC123',
    supportPin: '5678',
  },
  {
    file: 'digital-taro.json',
    municipalityCode: '131016',
    facts: {
      familyName: 'デジタル',
      givenName: '太郎',
      address: '東京都千代田区霞が関1丁目1番1号',
      birthDate: '1990-10-10',
      sex: 1,
    },
    familyKana: 'デジタル',
    givenKana: 'タロウ',
    household: { of: 'digital-hanako.json', relationship: 'spouse' },
    authPin: '2345',
    signPin: 'DEF456',
    supportPin: '6789',
  },
  {
    file: 'madoguchi-ichiro.json',
    municipalityCode: '131016',
    facts: {
      familyName: '窓口',
      givenName: '一郎',
      address: '東京都千代田区永田町2丁目3番1号',
      birthDate: '1952-01-15',
      sex: 1,
    },
    familyKana: 'マドグチ',
    givenKana: 'イチロウ',
    authPin: '3456',
    signPin: 'GHI789',
    supportPin: '7890',
  },
];

/**
 * デジタル 花子's children, residents without cards: so her 児童手当 (at the municipality's intermediate
 * server) names the children of her 住民票, and the portal shows a household, not a lone person.
 */
export const demoHouseholdChildren = [
  { givenName: '一花', givenKana: 'イチカ', birthDate: '2018-06-12', sex: 2 },
  { givenName: '陽向', givenKana: 'ヒナタ', birthDate: '2022-02-03', sex: 1 },
] as const;

const serialOf = (pem: string) => new X509Certificate(pem).serialNumber.toLowerCase().replace(/^0+/, '');

/** True when jpki still knows the card and both of the file's certificates are good there. */
async function stillValid(jpki: StaffApi, path: string): Promise<boolean> {
  let info: Awaited<ReturnType<typeof cardInfo>>;
  try {
    info = await cardInfo(path);
  } catch {
    return false; // no file yet, or not a card file
  }
  try {
    const status = await jpkiStaff.status(jpki, info.cardSerial);
    const good = new Set(
      status.certificates.filter((c) => c.status === 'good').map((c) => c.serial.toLowerCase()),
    );
    return good.has(serialOf(info.certificates.sign)) && good.has(serialOf(info.certificates.auth));
  } catch (err) {
    if (err instanceof RemoteError && err.status === 404) return false; // e.g. the database was reset
    throw err;
  }
}

/** The resident behind an old demo card, when the agency still has them. */
async function existingResident(
  agency: StaffApi,
  path: string,
  supportPin: string,
): Promise<string | undefined> {
  try {
    const { residentRef } = await readFacts(path, supportPin);
    const id = residentRef.split(':')[2];
    if (!id) return undefined;
    return (await agencyStaff.readResident(agency, id)).id;
  } catch {
    return undefined;
  }
}

/** A new resident for a demo card holder, with kana (the hub's linkage check compares it). */
function createHolder(agency: StaffApi, h: DemoCardHolder, residentOf: Map<string, string>) {
  const householdOf = h.household ? residentOf.get(h.household.of) : undefined;
  return staffCall<AgencyResident>(agency, 'POST', '/api/staff/residents', {
    ...h.facts,
    municipalityCode: h.municipalityCode,
    familyKana: h.familyKana,
    givenKana: h.givenKana,
    ...(householdOf && h.household ? { householdOf, relationship: h.household.relationship } : {}),
  });
}

/**
 * Makes sure the three demo cards exist in `<dataDir>/cards/` and are good at jpki: existing files
 * are reused, stale ones (jpki reset, certificates revoked) are issued again.
 */
export async function ensureDemoCards(o: {
  dataDir: string;
  jpkiUrl: string;
  agencyUrl: string;
  jpkiStaffToken: string;
  agencyStaffToken: string;
  log: (msg: string) => void;
}): Promise<DemoCard[]> {
  const dir = join(o.dataDir, 'cards');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const apis = {
    agency: { url: o.agencyUrl, token: o.agencyStaffToken, staffId: 'madoguchi-start' },
    jpki: { url: o.jpkiUrl, token: o.jpkiStaffToken, staffId: 'madoguchi-start' },
  };
  const cards: DemoCard[] = [];
  const residentOf = new Map<string, string>();
  let newHousehold = false;
  for (const h of demoCardHolders) {
    const path = join(dir, h.file);
    const holder = `${h.facts.familyName} ${h.facts.givenName}`;
    const known = await existingResident(apis.agency, path, h.supportPin);
    if (!(await stillValid(apis.jpki, path)) || !known) {
      const residentId = known ?? (await createHolder(apis.agency, h, residentOf)).id;
      if (!known && h.file === 'digital-hanako.json') newHousehold = true;
      const issued = await issueCardFile(apis, {
        residentId,
        pins: { auth: h.authPin, sign: h.signPin, support: h.supportPin },
        out: path,
      });
      o.log(`issued demo card ${issued.cardSerial} for ${holder} → ${path}`);
      residentOf.set(h.file, residentId);
    } else residentOf.set(h.file, known);
    cards.push({ path, holder, authPin: h.authPin, signPin: h.signPin, supportPin: h.supportPin });
  }
  // The children join only a household created now, so restarting never adds them twice.
  const hanako = residentOf.get('digital-hanako.json');
  if (newHousehold && hanako)
    for (const c of demoHouseholdChildren)
      await staffCall(apis.agency, 'POST', '/api/staff/residents', {
        householdOf: hanako,
        relationship: 'child',
        familyName: 'デジタル',
        familyKana: 'デジタル',
        ...c,
      });
  return cards;
}
