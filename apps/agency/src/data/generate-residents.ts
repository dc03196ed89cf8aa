import { createHash } from 'node:crypto';
import { myNumberCheckDigit } from '@madoguchi/identifiers';
import { familyNames, givenNames, townsByMunicipality } from '@madoguchi/reference';
import type { ResidentTable } from './schema.ts';

export type NewResident = Omit<ResidentTable, 'created_at' | 'fugo'>;

/** mulberry32: tiny, fast and deterministic, so `seed` gives the same residents on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A UUID derived from a name, so re-running the seed finds the same rows. */
function stableUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((Number.parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * My Numbers that are valid and unique by construction: n ↦ n·48271 + c (mod 10¹¹) is a bijection
 * because 48271 is coprime to 10, so no two residents share a number. Not real people's numbers in
 * any meaningful sense: they are generated for demo data only.
 */
function myNumberFor(n: number): string {
  const base = String((n * 48271 + 12_345_678_901) % 100_000_000_000).padStart(11, '0');
  return `${base}${myNumberCheckDigit(base)}`;
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

function isoDate(year: number, rand: () => number): string {
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Fixed so the data does not depend on the day the seed runs.
const referenceYear = 2026;

/**
 * Generates `count` residents in households (head, often a spouse, 0–3 children, children born when
 * the parents were 22–42), spread over the demo municipalities.
 */
export function* generateResidents(
  count: number,
  municipalities: readonly string[],
  seed = 20260401,
): Generator<NewResident> {
  const rand = prng(seed);
  let made = 0;
  let household = 0;
  while (made < count) {
    const municipality = municipalities[household % municipalities.length] as string;
    const place = townsByMunicipality[municipality];
    if (!place) throw new Error(`no town names for demo municipality ${municipality}`);
    const householdId = stableUuid(`household:${seed}:${household}`);
    const [family, familyKana] = pick(rand, familyNames);
    const address = `${place.prefecture}${place.city}${pick(rand, place.towns)}${1 + Math.floor(rand() * 5)}丁目${1 + Math.floor(rand() * 20)}番${1 + Math.floor(rand() * 30)}号`;
    const headYear = 1950 + Math.floor(rand() * 50);
    const members: { relationship: NewResident['relationship']; year: number; sex: 1 | 2 }[] = [];
    const headSex: 1 | 2 = rand() < 0.5 ? 1 : 2;
    members.push({ relationship: 'head', year: headYear, sex: headSex });
    if (rand() < 0.7)
      members.push({
        relationship: 'spouse',
        year: headYear + Math.floor(rand() * 9) - 4,
        sex: headSex === 1 ? 2 : 1,
      });
    const children = rand() < 0.55 ? 1 + Math.floor(rand() * 3) : 0;
    for (let c = 0; c < children; c++) {
      const year = Math.min(referenceYear, headYear + 22 + Math.floor(rand() * 21));
      members.push({ relationship: 'child', year, sex: rand() < 0.5 ? 1 : 2 });
    }
    for (const m of members) {
      if (made >= count) break;
      const [given, givenKana] = pick(rand, m.sex === 1 ? givenNames.male : givenNames.female);
      yield {
        id: stableUuid(`resident:${seed}:${made}`),
        municipality_code: municipality,
        my_number: myNumberFor(made),
        family_name: family,
        given_name: given,
        family_kana: familyKana,
        given_kana: givenKana,
        birth_date: isoDate(m.year, rand),
        sex: m.sex,
        address,
        household_id: householdId,
        relationship: m.relationship,
      };
      made++;
    }
    household++;
  }
}
