import type { AgencyKindCode } from './catalogue.ts';

/**
 * National bodies by their registry code (packages/reference `nationalAgencies`). Health-insurance
 * societies, 共済組合 and 広域連合 are not in the registry yet, so no code maps to those kinds.
 */
export const NATIONAL_AGENCY_KINDS: Readonly<Record<string, AgencyKindCode>> = {
  jps: 'national:nenkin',
  nta: 'national:nta',
  'kyokai-kenpo': 'insurer:kyokai-kenpo',
  portal: 'national:digital',
};

/** 地方公共団体コード check digit: weights 6..2, (11 - sum mod 11) mod 10. */
function lgCodeValid(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 5; i++) sum += Number(code[i]) * (6 - i);
  return (11 - (sum % 11)) % 10 === Number(code[5]);
}

/**
 * The table kind an agency acts as. Municipalities, special wards and the wards of designated cities
 * are all `municipality`; a prefecture's code is PP000 plus the check digit. Returns null for a code
 * that is neither a valid local-government code nor a known national body.
 */
export function kindOfAgency(code: string): AgencyKindCode | null {
  const national = Object.hasOwn(NATIONAL_AGENCY_KINDS, code) ? NATIONAL_AGENCY_KINDS[code] : undefined;
  if (national !== undefined) return national;
  if (!lgCodeValid(code)) return null;
  const prefecture = Number(code.slice(0, 2));
  if (prefecture < 1 || prefecture > 47) return null;
  return code.slice(2, 5) === '000' ? 'prefecture' : 'municipality';
}
