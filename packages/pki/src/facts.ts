import { X509Certificate as NodeX509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import { x509 } from './crypto-setup.ts';
import { fromEraBirthDate, isIsoDate, toEraBirthDate } from './era.ts';
import { PkiError } from './errors.ts';

export { fromEraBirthDate, toEraBirthDate } from './era.ts';

/** The four basic facts (基本4情報) a signature certificate carries. */
export interface BasicFacts {
  familyName: string;
  givenName: string;
  address: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** 1 male, 2 female, 3 not specified */
  sex: 1 | 2 | 3;
}

/** otherName type ids of the JPKI signature certificate profile. */
export const jpkiOtherNameOids = {
  name: '1.2.392.200149.8.5.5.1',
  nameSubstitutes: '1.2.392.200149.8.5.5.2',
  sex: '1.2.392.200149.8.5.5.3',
  birthDate: '1.2.392.200149.8.5.5.4',
  address: '1.2.392.200149.8.5.5.5',
  addressSubstitutes: '1.2.392.200149.8.5.5.6',
} as const;

const subjectAltNameOid = '2.5.29.17';
const nameSeparator = '\u3000';
const maxFieldLength = 512;

function checkFacts(facts: BasicFacts): void {
  const problem =
    typeof facts.familyName !== 'string' || facts.familyName.length === 0
      ? 'familyName is empty'
      : facts.familyName.includes(nameSeparator)
        ? 'familyName holds U+3000, the separator'
        : typeof facts.givenName !== 'string'
          ? 'givenName is not a string'
          : typeof facts.address !== 'string' || facts.address.length === 0
            ? 'address is empty'
            : facts.familyName.length + facts.givenName.length > maxFieldLength ||
                facts.address.length > maxFieldLength
              ? 'a fact is too long'
              : ![1, 2, 3].includes(facts.sex)
                ? 'sex is not 1, 2 or 3'
                : !isIsoDate(facts.birthDate)
                  ? 'birthDate is not YYYY-MM-DD'
                  : undefined;
  if (problem) throw new PkiError('request.invalid', problem);
}

function otherName(typeId: string, value: string): asn1js.Constructed {
  // GeneralName [0] IMPLICIT OtherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY }
  return new asn1js.Constructed({
    idBlock: { tagClass: 3, tagNumber: 0 },
    value: [
      new asn1js.ObjectIdentifier({ value: typeId }),
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 0 },
        value: [new asn1js.Utf8String({ value })],
      }),
    ],
  });
}

/** The non-critical subjectAltName holding the basic facts as otherName UTF8Strings. */
export function basicFactsExtension(facts: BasicFacts): x509.Extension {
  checkFacts(facts);
  const o = jpkiOtherNameOids;
  const names = new asn1js.Sequence({
    value: [
      otherName(o.name, `${facts.familyName}${nameSeparator}${facts.givenName}`),
      otherName(o.nameSubstitutes, ''),
      otherName(o.sex, String(facts.sex)),
      otherName(o.birthDate, toEraBirthDate(facts.birthDate)),
      otherName(o.address, facts.address),
      otherName(o.addressSubstitutes, ''),
    ],
  });
  return new x509.Extension(subjectAltNameOid, false, names.toBER());
}

function derOf(certificate: string | Buffer): Buffer {
  try {
    return Buffer.from(new NodeX509Certificate(certificate).raw);
  } catch (cause) {
    throw new PkiError('certificate.malformed', 'not a certificate', { cause });
  }
}

function readOtherNames(sanValue: ArrayBuffer): Map<string, string> {
  const parsed = asn1js.fromBER(sanValue);
  const malformed = () => new PkiError('certificate.malformed', 'subjectAltName is malformed');
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) throw malformed();
  const values = new Map<string, string>();
  for (const gn of parsed.result.valueBlock.value) {
    if (gn.idBlock.tagClass !== 3 || gn.idBlock.tagNumber !== 0) continue; // not an otherName
    if (!(gn instanceof asn1js.Constructed)) throw malformed();
    const [typeId, wrapper] = gn.valueBlock.value;
    if (!(typeId instanceof asn1js.ObjectIdentifier) || !(wrapper instanceof asn1js.Constructed))
      throw malformed();
    const inner = wrapper.valueBlock.value[0];
    if (!(inner instanceof asn1js.Utf8String)) throw malformed();
    values.set(typeId.getValue(), inner.getValue());
  }
  return values;
}

/**
 * The basic facts from a signature certificate (PEM or DER), or undefined when it carries none (an
 * authentication certificate). Throws PkiError('certificate.malformed') when they are present but broken.
 */
export function readBasicFacts(certificate: string | Buffer): BasicFacts | undefined {
  const cert = new x509.X509Certificate(derOf(certificate));
  const san = cert.getExtension(subjectAltNameOid);
  if (!san) return undefined;
  const values = readOtherNames(san.value);
  const o = jpkiOtherNameOids;
  const name = values.get(o.name);
  if (name === undefined) return undefined;
  const address = values.get(o.address);
  const sex = Number(values.get(o.sex));
  const birth = values.get(o.birthDate);
  const separator = name.indexOf(nameSeparator);
  if (
    address === undefined ||
    birth === undefined ||
    separator < 1 ||
    (sex !== 1 && sex !== 2 && sex !== 3)
  ) {
    throw new PkiError('certificate.malformed', 'basic facts are incomplete');
  }
  return {
    familyName: name.slice(0, separator),
    givenName: name.slice(separator + 1),
    address,
    birthDate: fromEraBirthDate(birth),
    sex,
  };
}
