import { isValidCorporateNumber } from './corporate-number.ts';
import { isValidLocalGovCode } from './local-gov-code.ts';
import { isValidMyNumber } from './my-number.ts';

export type IdentifierKind = 'my_number' | 'corporate_number' | 'local_gov_code' | 'unknown';

export interface Identification {
  kind: IdentifierKind;
  valid: boolean;
  normalized: string;
}

// Separators people type when copying numbers from cards and forms: whitespace (incl. U+3000
// ideographic space), ASCII hyphen, Unicode dashes/minus, full-width hyphen-minus, and the
// prolonged sound marks ー/ｰ that Japanese IMEs often produce in place of a dash.
const SEPARATORS = /[\s\-\u2010-\u2015\u2212\uFF0D\uFF70\u30FC]/g;

/** Strip separators and fold full-width digits (０-９) to ASCII. */
export function normalizeIdentifier(input: string): string {
  return input
    .replace(SEPARATORS, '')
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48));
}

const BY_LENGTH: Record<number, [IdentifierKind, (s: string) => boolean]> = {
  12: ['my_number', isValidMyNumber],
  13: ['corporate_number', isValidCorporateNumber],
  6: ['local_gov_code', isValidLocalGovCode],
};

/**
 * Guess which identifier `input` is from its normalized length and validate it.
 * Kind is decided by length alone, so "12345678901X" is an invalid my_number rather than unknown —
 * that lets callers say which format the user was attempting.
 */
export function identify(input: string): Identification {
  const normalized = normalizeIdentifier(input);
  const entry = BY_LENGTH[normalized.length];
  if (!entry) return { kind: 'unknown', valid: false, normalized };
  const [kind, validate] = entry;
  return { kind, valid: validate(normalized), normalized };
}
