/**
 * What a resident signs: one JSON document, canonicalised with JCS. Attachments enter it by SHA-256
 * only, so the single card signature over these bytes also covers every attached file, and the
 * signature stays small enough for the card (it signs a digest of this document, never the files).
 *
 * The document carries a `type` tag so a signature made for an application can never be replayed as
 * some other signed JSON madoguchi might produce later (domain separation).
 */
import { createHash } from 'node:crypto';
import { EApplicationError } from './errors.ts';
import { canonicalBytes, type JsonValue } from './jcs.ts';

export const APPLICATION_DOCUMENT_TYPE = 'madoguchi.e-application/v1';

export interface AttachmentRef {
  name: string;
  mediaType: string;
  size: number;
  /** Lowercase hex SHA-256 of the file's bytes. */
  sha256: string;
}

export interface ApplicationInput {
  serviceId: string;
  /** 地方公共団体コード (or another agency id) of the office the application goes to. */
  municipality: string;
  formVersion: string;
  /** `subject` is the signer's stable id (e.g. the certificate subject / link code), not a name. */
  applicant: { subject: string };
  answers: { [field: string]: JsonValue };
  attachments: AttachmentRef[];
  submissionId: string;
  createdAt: string | Date;
}

/** The normalised document that was canonicalised; store this next to the signature. */
export interface ApplicationDocument {
  type: typeof APPLICATION_DOCUMENT_TYPE;
  serviceId: string;
  municipality: string;
  formVersion: string;
  applicant: { subject: string };
  answers: { [field: string]: JsonValue };
  attachments: AttachmentRef[];
  submissionId: string;
  createdAt: string;
}

export interface CanonicalApplication {
  document: ApplicationDocument;
  bytes: Uint8Array;
  /** Lowercase hex SHA-256 of `bytes`. */
  sha256: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Builds the reference for one file from its bytes, so callers never hash by hand. */
export function attachmentRef(name: string, mediaType: string, bytes: Uint8Array): AttachmentRef {
  return { name, mediaType, size: bytes.byteLength, sha256: sha256Hex(bytes) };
}

export function canonicalApplication(input: ApplicationInput): CanonicalApplication {
  const document = normalize(input);
  const bytes = canonicalBytes(document);
  return { document, bytes, sha256: sha256Hex(bytes) };
}

/**
 * The reviewer's side: accepts stored bytes only if they are exactly the canonical form of a valid
 * application document. Anything else (extra whitespace, duplicate keys, unknown fields) would mean
 * the signed bytes and the displayed data could disagree.
 */
export function parseCanonicalApplication(bytes: Uint8Array): CanonicalApplication {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new EApplicationError('application.not_canonical', 'not UTF-8 JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new EApplicationError('application.not_canonical', 'not a JSON object');
  }
  const { type, ...rest } = parsed as Record<string, unknown>;
  if (type !== APPLICATION_DOCUMENT_TYPE) {
    throw new EApplicationError('application.not_canonical', `unknown document type ${String(type)}`);
  }
  const rebuilt = canonicalApplication(rest as unknown as ApplicationInput);
  if (!equalBytes(rebuilt.bytes, bytes)) {
    throw new EApplicationError('application.not_canonical', 'bytes are not the canonical form');
  }
  return rebuilt;
}

function normalize(input: ApplicationInput): ApplicationDocument {
  const known = new Set([
    'serviceId',
    'municipality',
    'formVersion',
    'applicant',
    'answers',
    'attachments',
    'submissionId',
    'createdAt',
  ]);
  for (const key of Object.keys(input)) {
    if (!known.has(key)) invalid(`unknown field ${key}`);
  }
  return {
    type: APPLICATION_DOCUMENT_TYPE,
    serviceId: text(input.serviceId, 'serviceId'),
    municipality: text(input.municipality, 'municipality'),
    formVersion: text(input.formVersion, 'formVersion'),
    applicant: applicant(input.applicant),
    answers: answers(input.answers),
    attachments: attachments(input.attachments),
    submissionId: uuid(input.submissionId),
    createdAt: timestamp(input.createdAt),
  };
}

function invalid(message: string): never {
  throw new EApplicationError('application.invalid_field', message);
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') invalid(`${field} must be a non-empty string`);
  return value;
}

function applicant(value: unknown): { subject: string } {
  if (typeof value !== 'object' || value === null) invalid('applicant must be an object');
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== 'subject') invalid('applicant holds exactly { subject }');
  return { subject: text((value as { subject: unknown }).subject, 'applicant.subject') };
}

function answers(value: unknown): { [field: string]: JsonValue } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    invalid('answers must be an object');
  // Their JSON-ness is enforced by the canonicaliser; here only the container shape matters.
  return value as { [field: string]: JsonValue };
}

function attachments(value: unknown): AttachmentRef[] {
  if (!Array.isArray(value)) invalid('attachments must be an array');
  const names = new Set<string>();
  return value.map((item: unknown, i): AttachmentRef => {
    if (typeof item !== 'object' || item === null) invalid(`attachments[${i}] must be an object`);
    const a = item as Record<string, unknown>;
    const keys = Object.keys(a).sort().join(',');
    if (keys !== 'mediaType,name,sha256,size')
      invalid(`attachments[${i}] holds exactly name, mediaType, size, sha256`);
    const name = text(a.name, `attachments[${i}].name`);
    if (names.has(name)) throw new EApplicationError('application.duplicate_attachment', `duplicate ${name}`);
    names.add(name);
    const size = a.size;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
      invalid(`attachments[${i}].size`);
    const sha256 = typeof a.sha256 === 'string' ? a.sha256.toLowerCase() : '';
    if (!SHA256_HEX.test(sha256)) invalid(`attachments[${i}].sha256 must be 64 hex digits`);
    return { name, mediaType: text(a.mediaType, `attachments[${i}].mediaType`), size, sha256 };
  });
}

function uuid(value: unknown): string {
  const lower = typeof value === 'string' ? value.toLowerCase() : '';
  if (!UUID.test(lower)) invalid('submissionId must be a UUID');
  return lower;
}

// One spelling per instant (toISOString: UTC, milliseconds, Z), so the same submission can never be
// signed in two textual forms. Offsets other than Z are refused rather than converted, because a
// caller passing local time by mistake should hear about it.
function timestamp(value: unknown): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) invalid('createdAt is an invalid Date');
    return value.toISOString();
  }
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value)) {
    invalid('createdAt must be an RFC 3339 UTC timestamp ending in Z');
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 19) !== value.slice(0, 19)) {
    invalid('createdAt is not a real instant');
  }
  return date.toISOString();
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}
