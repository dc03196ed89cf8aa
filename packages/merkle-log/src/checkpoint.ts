/**
 * Transparency-log checkpoints (https://c2sp.org/tlog-checkpoint): a signed note whose text is
 *   <origin>\n<tree size, decimal>\n<base64 root hash>\n[<extension line>\n]*
 */
import { MerkleLogError } from './errors.ts';
import { HASH_SIZE } from './hash.ts';
import { type NoteSignature, openNote, signNote } from './note.ts';
import { type NoteSignerKey, type NoteVerifierKey, parseVkey } from './note-key.ts';

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  /** Optional extra body lines; most logs have none. */
  extensions?: string[];
}

export function formatCheckpointBody(cp: Checkpoint): string {
  if (cp.origin.length === 0 || cp.origin.includes('\n')) {
    throw new MerkleLogError('checkpoint.malformed', 'origin must be one non-empty line');
  }
  if (!Number.isSafeInteger(cp.size) || cp.size < 0)
    throw new MerkleLogError('checkpoint.malformed', 'bad size');
  if (cp.rootHash.length !== HASH_SIZE)
    throw new MerkleLogError('checkpoint.malformed', 'root hash is 32 bytes');
  const extensions = cp.extensions ?? [];
  if (extensions.some((e) => e.length === 0 || e.includes('\n'))) {
    throw new MerkleLogError('checkpoint.malformed', 'extension lines must be non-empty single lines');
  }
  const lines = [cp.origin, String(cp.size), Buffer.from(cp.rootHash).toString('base64'), ...extensions];
  return `${lines.join('\n')}\n`;
}

export function parseCheckpointBody(text: string): Checkpoint {
  const lines = text.split('\n');
  // A well-formed body ends with '\n', so the last split element is empty.
  if (lines.length < 4 || lines.pop() !== '')
    throw new MerkleLogError('checkpoint.malformed', 'too few lines');
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) throw new MerkleLogError('checkpoint.malformed', 'empty origin');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    throw new MerkleLogError('checkpoint.malformed', 'tree size must be a decimal without leading zeros');
  }
  const rootHash = Buffer.from(rootText, 'base64');
  if (rootHash.length !== HASH_SIZE || rootHash.toString('base64') !== rootText) {
    throw new MerkleLogError('checkpoint.malformed', 'root hash must be base64 of 32 bytes');
  }
  if (extensions.some((e) => e.length === 0))
    throw new MerkleLogError('checkpoint.malformed', 'empty extension');
  return { origin, size: Number(sizeText), rootHash, ...(extensions.length > 0 ? { extensions } : {}) };
}

/** The signed checkpoint text, signed by the log key (and optionally cosigners after it). */
export function signCheckpoint(cp: Checkpoint, signer: NoteSignerKey, ...cosigners: NoteSignerKey[]): string {
  return signNote(formatCheckpointBody(cp), [signer, ...cosigners]);
}

export interface OpenedCheckpoint {
  checkpoint: Checkpoint;
  /** Signatures by the given key (exactly one). */
  verified: NoteSignature[];
  /** Signatures by keys we were not given (cosigners, witnesses): present but not checked. */
  unverified: NoteSignature[];
}

export interface OpenCheckpointOptions {
  /** Refuse a checkpoint from another log. Defaults to the key name, as C2SP recommends. */
  origin?: string;
}

/**
 * Verifies `text` was signed by the log key `vkey` and parses its body. Throws MerkleLogError with
 * `note.malformed`, `note.unverified`, `note.invalid_signature`, `checkpoint.malformed`,
 * `checkpoint.origin_mismatch` or `key.*`.
 */
export function openCheckpoint(
  text: string,
  vkey: string | NoteVerifierKey,
  options: OpenCheckpointOptions = {},
): OpenedCheckpoint {
  const key = typeof vkey === 'string' ? parseVkey(vkey) : vkey;
  const note = openNote(text, [key]);
  const checkpoint = parseCheckpointBody(note.text);
  const origin = options.origin ?? key.name;
  if (checkpoint.origin !== origin) {
    throw new MerkleLogError('checkpoint.origin_mismatch', `origin is not ${JSON.stringify(origin)}`);
  }
  return { checkpoint, verified: note.verified, unverified: note.unverified };
}
