/**
 * Content-type detection from the bytes themselves. File names and browser-sent Content-Type headers
 * are chosen by the uploader; the magic bytes are what a viewer will actually act on, so they decide.
 * Beyond the magic, each format gets a cheap structural check so a truncated or spliced file is
 * reported as malformed instead of reaching a reviewer's viewer.
 */
import { crc32 } from 'node:zlib';

export type DetectedMediaType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/heic' | 'image/heif';

export type SniffResult =
  | { status: 'ok'; mediaType: DetectedMediaType }
  | { status: 'malformed'; mediaType: DetectedMediaType; reason: string }
  | { status: 'unknown' };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'heim', 'heis']);
const HEIF_BRANDS = new Set(['mif1', 'msf1']);

export function sniff(bytes: Uint8Array): SniffResult {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return checkPdf(bytes);
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return checkJpeg(bytes);
  if (startsWith(bytes, PNG_SIGNATURE)) return checkPng(bytes);
  if (ascii(bytes, 4, 8) === 'ftyp') return checkFtyp(bytes);
  return { status: 'unknown' };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  if (bytes.length < end) return '';
  return String.fromCharCode(...bytes.subarray(start, end));
}

function u32(bytes: Uint8Array, at: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(at);
}

function malformed(mediaType: DetectedMediaType, reason: string): SniffResult {
  return { status: 'malformed', mediaType, reason };
}

function checkPdf(bytes: Uint8Array): SniffResult {
  if (!/^%PDF-\d\.\d/.test(ascii(bytes, 0, 8))) return malformed('application/pdf', 'bad header version');
  // ISO 32000 puts %%EOF at the very end; readers tolerate trailing junk, so look in the last 1 KiB.
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  if (!tail.includes('%%EOF')) return malformed('application/pdf', 'no %%EOF trailer marker');
  if (!tail.includes('startxref')) return malformed('application/pdf', 'no startxref');
  return { status: 'ok', mediaType: 'application/pdf' };
}

/** Walks the marker segments up to SOS, then requires an EOI after the entropy-coded data. */
function checkJpeg(bytes: Uint8Array): SniffResult {
  let at = 2;
  while (at + 1 < bytes.length) {
    if (bytes[at] !== 0xff) return malformed('image/jpeg', `expected a marker at ${at}`);
    const marker = bytes[at + 1] as number;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) return { status: 'ok', mediaType: 'image/jpeg' };
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length field
      continue;
    }
    if (at + 3 >= bytes.length) break;
    const length = ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number);
    if (length < 2 || at + 2 + length > bytes.length) return malformed('image/jpeg', 'segment overruns file');
    if (marker === 0xda) return findEoi(bytes, at + 2 + length);
    at += 2 + length;
  }
  return malformed('image/jpeg', 'no EOI marker');
}

function findEoi(bytes: Uint8Array, from: number): SniffResult {
  // Entropy-coded data escapes 0xFF as FF 00, so FF D9 here can only be the real EOI.
  for (let i = from; i + 1 < bytes.length; i++) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return { status: 'ok', mediaType: 'image/jpeg' };
  }
  return malformed('image/jpeg', 'no EOI marker after scan data');
}

/** Every chunk: length, type, data, CRC-32 over type+data; IHDR first, IEND last. */
function checkPng(bytes: Uint8Array): SniffResult {
  let at = PNG_SIGNATURE.length;
  let first = true;
  while (at + 12 <= bytes.length) {
    const length = u32(bytes, at);
    const type = ascii(bytes, at + 4, at + 8);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > bytes.length)
      return malformed('image/png', `chunk ${type} overruns file`);
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== u32(bytes, at + 8 + length)) {
      return malformed('image/png', `bad CRC in ${type}`);
    }
    if (first) {
      if (type !== 'IHDR' || length !== 13) return malformed('image/png', 'first chunk is not IHDR');
      if (u32(bytes, at + 8) === 0 || u32(bytes, at + 12) === 0)
        return malformed('image/png', 'zero dimension');
      first = false;
    }
    if (type === 'IEND') return { status: 'ok', mediaType: 'image/png' };
    at = end;
  }
  return malformed('image/png', first ? 'no IHDR chunk' : 'no IEND chunk');
}

/**
 * ISO-BMFF: only an ftyp box naming a HEIF brand counts (an MP4 also starts with ftyp and is simply
 * not ours). Brands heic/heix/hevc/heim/heis say HEVC-coded (image/heic); mif1/msf1 only say HEIF.
 */
function checkFtyp(bytes: Uint8Array): SniffResult {
  const size = u32(bytes, 0);
  const major = ascii(bytes, 8, 12);
  const limit = Math.min(size >= 16 ? size : 16, bytes.length);
  const brands = [major];
  for (let at = 16; at + 4 <= limit; at += 4) brands.push(ascii(bytes, at, at + 4));
  const heic = brands.some((b) => HEIC_BRANDS.has(b));
  if (!heic && !brands.some((b) => HEIF_BRANDS.has(b))) return { status: 'unknown' };
  const mediaType: DetectedMediaType = heic ? 'image/heic' : 'image/heif';
  if (size < 16 || size % 4 !== 0 || size > bytes.length) return malformed(mediaType, 'bad ftyp box size');
  // A HEIF file is more than its ftyp: images live in a meta box, sequences in a moov box.
  if (!hasTopLevelBox(bytes, size, ['meta', 'moov'])) return malformed(mediaType, 'no meta or moov box');
  return { status: 'ok', mediaType };
}

function hasTopLevelBox(bytes: Uint8Array, from: number, wanted: readonly string[]): boolean {
  let at = from;
  while (at + 8 <= bytes.length) {
    let size = u32(bytes, at);
    const type = ascii(bytes, at + 4, at + 8);
    if (wanted.includes(type)) return true;
    if (size === 1) {
      if (at + 16 > bytes.length) return false;
      const big = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(at + 8);
      if (big > BigInt(bytes.length)) return false;
      size = Number(big);
    } else if (size === 0) {
      return false; // box extends to end of file; nothing after it
    }
    if (size < 8) return false;
    at += size;
  }
  return false;
}

export interface AttachmentSpec {
  /** Media types this form field takes, e.g. ['application/pdf', 'image/jpeg']. */
  accept: readonly string[];
  maxBytes: number;
}

export type AttachmentFailure = 'too_large' | 'empty' | 'type_not_allowed' | 'type_mismatch' | 'malformed';

export type AttachmentCheck =
  | { ok: true; mediaType: DetectedMediaType; size: number }
  | { ok: false; failure: AttachmentFailure; detail: string; detected?: DetectedMediaType };

const EXTENSION_TYPES: Record<string, readonly DetectedMediaType[]> = {
  pdf: ['application/pdf'],
  jpg: ['image/jpeg'],
  jpeg: ['image/jpeg'],
  jpe: ['image/jpeg'],
  png: ['image/png'],
  // Phones name both flavours .heic or .heif interchangeably; the brand, not the name, tells them apart.
  heic: ['image/heic', 'image/heif'],
  heif: ['image/heic', 'image/heif'],
  hif: ['image/heic', 'image/heif'],
};

/**
 * Decides whether an upload may be attached. Size is checked before parsing so an oversized upload
 * costs nothing more. A name without an extension is fine (the bytes decide); a name whose extension
 * names another type, or a type we do not know, is a mismatch: the name would mislead whoever
 * downloads the file later.
 */
export function checkAttachment(
  bytes: Uint8Array,
  declaredName: string,
  spec: AttachmentSpec,
): AttachmentCheck {
  if (bytes.byteLength === 0) return { ok: false, failure: 'empty', detail: 'the file is empty' };
  if (bytes.byteLength > spec.maxBytes) {
    return { ok: false, failure: 'too_large', detail: `${bytes.byteLength} > ${spec.maxBytes} bytes` };
  }
  const sniffed = sniff(bytes);
  if (sniffed.status === 'unknown') {
    return { ok: false, failure: 'type_not_allowed', detail: 'unrecognised file type' };
  }
  const detected = sniffed.mediaType;
  if (!spec.accept.includes(detected)) {
    return { ok: false, failure: 'type_not_allowed', detail: `${detected} is not accepted`, detected };
  }
  const extension = extensionOf(declaredName);
  if (extension !== undefined && !(EXTENSION_TYPES[extension] ?? []).includes(detected)) {
    return {
      ok: false,
      failure: 'type_mismatch',
      detail: `name says .${extension}, bytes are ${detected}`,
      detected,
    };
  }
  if (sniffed.status === 'malformed') {
    return { ok: false, failure: 'malformed', detail: sniffed.reason, detected };
  }
  return { ok: true, mediaType: detected, size: bytes.byteLength };
}

function extensionOf(name: string): string | undefined {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  // A leading dot (".profile") is a hidden-file name, not an extension.
  if (dot <= 0 || dot === base.length - 1) return undefined;
  return base.slice(dot + 1).toLowerCase();
}
