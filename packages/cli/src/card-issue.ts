import { randomInt } from 'node:crypto';
import { checkPinFormat, createCardFile, type PinKind, pinKinds } from '@madoguchi/card';
import { type BasicFacts, createCsr, generateRsaKeyPair } from '@madoguchi/pki';
import type { CardCliConfig } from './card-config.ts';
import { agencyStaff, jpkiStaff, type StaffApi } from './card-staff-clients.ts';

export type Pins = Record<PinKind, string>;

export function staffApis(config: CardCliConfig): { agency: StaffApi; jpki: StaffApi } {
  return {
    agency: { url: config.agencyUrl, token: config.agencyStaffToken, staffId: config.staffId },
    jpki: { url: config.jpkiUrl, token: config.jpkiStaffToken, staffId: config.staffId },
  };
}

const digits = '0123456789';
const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const draw = (alphabet: string, n: number) =>
  Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('');

/** Random PINs for those not given: 4 digits, and an 8-character password with letters and digits. */
export function generatePins(given: Partial<Pins>): { pins: Pins; generated: PinKind[] } {
  const generated: PinKind[] = [];
  const pick = (kind: PinKind, make: () => string) => {
    const value = given[kind];
    if (value !== undefined) return value;
    generated.push(kind);
    return make();
  };
  const signPassword = () => {
    // At least one letter and one digit, in random positions.
    const chars = [...draw(upper, 1), ...draw(digits, 1), ...draw(upper + digits, 6)];
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
    }
    return chars.join('');
  };
  const pins: Pins = {
    auth: pick('auth', () => draw(digits, 4)),
    sign: pick('sign', signPassword),
    support: pick('support', () => draw(digits, 4)),
  };
  return { pins, generated };
}

export interface IssueCardInput {
  /** An existing resident at the agency; without it a new demo resident is created. */
  residentId?: string;
  /** Facts for a new demo resident (ignored with residentId). */
  newResident?: Partial<BasicFacts> & { municipalityCode?: string };
  pins: Pins;
  out: string;
}

export interface IssuedCardFile {
  path: string;
  cardSerial: string;
  residentId: string;
  holder: string;
}

/**
 * The counter at the municipal office, in one function: look the person up (or register a demo
 * one), make both key pairs here — private keys never leave this machine — send CSRs to jpki, and
 * write the card file sealed under the PINs.
 */
export async function issueCardFile(
  apis: { agency: StaffApi; jpki: StaffApi },
  input: IssueCardInput,
): Promise<IssuedCardFile> {
  for (const kind of pinKinds) checkPinFormat(kind, input.pins[kind]);
  const resident = input.residentId
    ? await agencyStaff.readResident(apis.agency, input.residentId)
    : await agencyStaff.createResident(apis.agency, input.newResident ?? {});
  const residentRef = `agency:${resident.municipalityCode}:${resident.id}`;
  const holder = `${resident.facts.familyName} ${resident.facts.givenName}`;
  const issued = await issueCardForResident(apis.jpki, {
    residentRef,
    facts: resident.facts,
    pins: input.pins,
    out: input.out,
    label: holder,
  });
  return { path: input.out, cardSerial: issued.cardSerial, residentId: resident.id, holder };
}

/**
 * The jpki half of issuance: both key pairs made here (private keys never leave this machine) and
 * CSRs sent to jpki. Returns the keys with the certificates; tests and benches that sign directly
 * stop here, the card counter goes on to seal them in a card file.
 */
export async function issueCardKeys(jpki: StaffApi, input: { residentRef: string; facts: BasicFacts }) {
  const [signKeys, authKeys] = await Promise.all([generateRsaKeyPair(), generateRsaKeyPair()]);
  const [signCsr, authCsr] = await Promise.all([createCsr(signKeys), createCsr(authKeys)]);
  const issued = await jpkiStaff.issueCard(jpki, { ...input, signCsr, authCsr });
  return { ...issued, authKey: authKeys.privateKey, signKey: signKeys.privateKey };
}

/** Issuance at jpki, then the card file sealed under the PINs. */
export async function issueCardForResident(
  jpki: StaffApi,
  input: { residentRef: string; facts: BasicFacts; pins: Pins; out: string; label: string },
): Promise<{ cardSerial: string }> {
  const issued = await issueCardKeys(jpki, { residentRef: input.residentRef, facts: input.facts });
  await createCardFile(input.out, {
    cardSerial: issued.cardSerial,
    label: input.label,
    certificates: { sign: issued.sign.certificatePem, auth: issued.auth.certificatePem },
    chain: issued.chain,
    authKey: issued.authKey,
    signKey: issued.signKey,
    facts: input.facts,
    residentRef: input.residentRef,
    pins: input.pins,
  });
  return { cardSerial: issued.cardSerial };
}
