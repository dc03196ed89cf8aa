export {
  corporateNumberCheckDigit,
  generateCorporateNumber,
  isValidCorporateNumber,
} from './corporate-number.ts';
export { type Identification, type IdentifierKind, identify, normalizeIdentifier } from './identify.ts';
export { generateLocalGovCode, isValidLocalGovCode, localGovCodeCheckDigit } from './local-gov-code.ts';
export { generateMyNumber, isValidMyNumber, myNumberCheckDigit } from './my-number.ts';
