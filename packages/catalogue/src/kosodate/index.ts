import { allAgencies } from '@madoguchi/reference';
import type { ServiceDefinition } from '../service-definition.ts';
import { isLocalGovCode } from '../vocab.ts';
import { ninshinMendan, ninshinTodoke } from './boshi-hoken.ts';
import { jidouFuyouTeateGenkyou } from './hitorioya.ts';
import { hoikuGenkyou, hoikuRiyouMoushikomi, hoikuShikyuNintei } from './hoiku.ts';
import {
  jidouTeateGakuKaitei,
  jidouTeateHenkou,
  jidouTeateMishiharai,
  jidouTeateShoumetsu,
} from './jidou-teate-changes.ts';
import { jidouTeateKifu, jidouTeateKifuHenkou, jidouTeateKyushokuhi } from './jidou-teate-kifu.ts';
import { jidouTeateNintei } from './jidou-teate-nintei.ts';
import { shuurouShoumeisho } from './shuurou-shoumeisho.ts';
import { type Office, offices, type ProcedureTemplate } from './template.ts';

/** The 子育てワンストップ procedures in the order of the seed table. */
export const kosodateTemplates: readonly ProcedureTemplate[] = [
  jidouTeateNintei,
  jidouTeateGakuKaitei,
  jidouTeateHenkou,
  jidouTeateShoumetsu,
  jidouTeateMishiharai,
  jidouTeateKifu,
  jidouTeateKifuHenkou,
  jidouTeateKyushokuhi,
  hoikuShikyuNintei,
  hoikuRiyouMoushikomi,
  hoikuGenkyou,
  shuurouShoumeisho,
  jidouFuyouTeateGenkyou,
  ninshinTodoke,
  ninshinMendan,
];

/**
 * Placeholder for the office phone: the catalogue does not know each municipality's numbers, and a
 * plausible-looking invented number would send residents to a stranger. The integrator passes real ones.
 */
export const contactPhoneUnset = '0000-00-0000';

export interface KosodateContacts {
  phone?: string;
  email?: string;
  /** Real section names where they differ from the generic ones (子育て支援課 …). */
  sections?: Partial<Record<Office, string>>;
}

export class UnknownMunicipalityError extends Error {
  readonly municipality: string;
  constructor(municipality: string) {
    super(`not a municipality or ward code: ${municipality}`);
    this.name = 'UnknownMunicipalityError';
    this.municipality = municipality;
  }
}

let localCodes: Set<string> | undefined;

/** Codes that deliver 児童手当 etc.: municipalities and wards (prefectures and national bodies do not). */
function isMunicipality(code: string): boolean {
  localCodes ??= new Set(
    allAgencies()
      .filter((a) => a.kind === 'municipality' || a.kind === 'ward')
      .map((a) => a.code),
  );
  return localCodes.has(code);
}

/**
 * The 子育てワンストップ set offered by one municipality. Ids are the same everywhere so the portal and
 * statistics can compare; each call returns fresh objects, so a caller may adapt them freely.
 */
export function kosodateServicesFor(
  municipalityCode: string,
  contacts: KosodateContacts = {},
): ServiceDefinition[] {
  if (!isLocalGovCode(municipalityCode) || !isMunicipality(municipalityCode)) {
    throw new UnknownMunicipalityError(municipalityCode);
  }
  return kosodateTemplates.map(({ office, ...template }) => {
    const contact: ServiceDefinition['contact'] = {
      section: contacts.sections?.[office] ?? offices[office],
      phone: contacts.phone ?? contactPhoneUnset,
    };
    if (contacts.email) contact.email = contacts.email;
    return { ...structuredClone(template), municipality: municipalityCode, contact };
  });
}
