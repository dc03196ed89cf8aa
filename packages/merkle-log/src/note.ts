/**
 * Signed notes (https://c2sp.org/signed-note): UTF-8 text ending in a newline, a blank line, then one
 * line per signature: `— <key name> <base64(4-byte key hash || signature)>`. Parsing follows
 * golang.org/x/mod/sumdb/note: signatures by unknown keys are kept but not trusted, a bad signature by
 * a known key is an error, and at least one known key must have signed.
 */
import { sign, verify } from 'node:crypto';
import { MerkleLogError } from './errors.ts';
import { isValidKeyName, type NoteSignerKey, type NoteVerifierKey } from './note-key.ts';

const SIG_PREFIX = '\u2014 ';
const MAX_SIGNATURES = 100;

export interface NoteSignature {
  name: string;
  keyHash: number;
  /** base64(key hash || signature), as on the wire. */
  base64: string;
}

export interface OpenedNote {
  text: string;
  verified: NoteSignature[];
  unverified: NoteSignature[];
}

/** Text is non-empty UTF-8 ending in '\n' with no control characters except '\n'. */
function checkText(text: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (text.length === 0 || !text.endsWith('\n') || /[\u0000-\u0009\u000b-\u001f\u007f\uFFFD]/.test(text)) {
    throw new MerkleLogError('note.malformed', 'note text must be printable UTF-8 ending in a newline');
  }
}

export function signNote(text: string, signers: readonly NoteSignerKey[]): string {
  checkText(text);
  const lines = signers.map((s) => {
    const prefix = Buffer.alloc(4);
    prefix.writeUInt32BE(s.keyHash);
    const signature = sign(null, Buffer.from(text, 'utf8'), s.privateKey);
    return `${SIG_PREFIX}${s.name} ${Buffer.concat([prefix, signature]).toString('base64')}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(SIG_PREFIX)) throw new MerkleLogError('note.malformed', 'bad signature line');
  const rest = line.slice(SIG_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = rest.slice(0, space);
  const b64 = rest.slice(space + 1);
  const bytes = Buffer.from(b64, 'base64');
  if (space <= 0 || !isValidKeyName(name) || bytes.length < 5 || bytes.toString('base64') !== b64) {
    throw new MerkleLogError('note.malformed', 'bad signature line');
  }
  return { name, keyHash: bytes.readUInt32BE(0), base64: b64 };
}

/** Splits at the last blank line, verifies, and returns the text with its signatures sorted out. */
export function openNote(message: string, keys: readonly NoteVerifierKey[]): OpenedNote {
  const split = message.lastIndexOf('\n\n');
  if (split < 0 || !message.endsWith('\n')) throw new MerkleLogError('note.malformed', 'no signature block');
  const text = message.slice(0, split + 1);
  checkText(text);
  const lines = message.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new MerkleLogError('note.malformed', 'too many signatures');
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  const body = Buffer.from(text, 'utf8');
  for (const line of lines) {
    const sig = parseSignatureLine(line);
    const key = keys.find((k) => k.name === sig.name && k.keyHash === sig.keyHash);
    const id = `${sig.name}+${sig.keyHash}`;
    if (key === undefined) {
      if (!unverified.some((u) => u.base64 === sig.base64)) unverified.push(sig);
      continue;
    }
    const signature = Buffer.from(sig.base64, 'base64').subarray(4);
    if (!verify(null, body, key.publicKey, signature)) {
      throw new MerkleLogError('note.invalid_signature', `invalid signature for key ${sig.name}`);
    }
    if (!seen.has(id)) verified.push(sig);
    seen.add(id);
  }
  if (verified.length === 0) throw new MerkleLogError('note.unverified', 'note has no verifiable signatures');
  return { text, verified, unverified };
}
