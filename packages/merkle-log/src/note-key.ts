/**
 * Ed25519 keys in the signed-note encodings (https://c2sp.org/signed-note):
 *   verifier key  <name>+<hex key hash>+<base64(0x01 || public key)>
 *   signer key    PRIVATE+KEY+<name>+<hex key hash>+<base64(0x01 || seed)>
 * The key hash (key ID) is the first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key); it lets a
 * verifier pick the right key for a signature line without trying them all.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { MerkleLogError } from './errors.ts';

const ALG_ED25519 = 0x01;
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface NoteVerifierKey {
  name: string;
  /** The 4-byte key hash as an unsigned 32-bit integer. */
  keyHash: number;
  publicKey: KeyObject;
}

export interface NoteSignerKey extends NoteVerifierKey {
  privateKey: KeyObject;
}

/** Same rule as golang.org/x/mod/sumdb/note: non-empty, no '+', no whitespace, printable. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[+\s\p{Cc}]/u.test(name) && !name.includes('\uFFFD');
}

function checkName(name: string): void {
  if (!isValidKeyName(name)) throw new MerkleLogError('key.malformed', 'invalid key name');
}

/** Raw 32-byte Ed25519 public key of a KeyObject. */
export function rawPublicKey(key: KeyObject): Buffer {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== 'ed25519')
    throw new MerkleLogError('key.malformed', 'not an Ed25519 key');
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519_PREFIX.length);
}

function rawSeed(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_ED25519_PREFIX.length);
}

export function noteKeyHash(name: string, rawPublic: Uint8Array): number {
  const digest = createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, ALG_ED25519]))
    .update(rawPublic)
    .digest();
  return digest.readUInt32BE(0);
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

export function formatVkey(name: string, publicKey: KeyObject): string {
  checkName(name);
  const raw = rawPublicKey(publicKey);
  return `${name}+${hex8(noteKeyHash(name, raw))}+${Buffer.concat([Buffer.from([ALG_ED25519]), raw]).toString('base64')}`;
}

export function formatSkey(name: string, privateKey: KeyObject): string {
  checkName(name);
  const hash = noteKeyHash(name, rawPublicKey(privateKey));
  const seed = Buffer.concat([Buffer.from([ALG_ED25519]), rawSeed(privateKey)]);
  return `PRIVATE+KEY+${name}+${hex8(hash)}+${seed.toString('base64')}`;
}

/** Splits `<name>+<hash>+<base64>` and checks the algorithm byte, the lengths and the base64 form. */
function splitKey(text: string): { name: string; hash: number; key: Buffer } {
  const parts = text.split('+');
  // Standard base64 may itself contain '+', so the key is everything after the second separator.
  const [name, hashHex] = parts;
  const b64 = parts.slice(2).join('+');
  if (name === undefined || hashHex === undefined || !/^[0-9a-f]{8}$/.test(hashHex)) {
    throw new MerkleLogError('key.malformed', 'expected <name>+<8 hex digits>+<base64>');
  }
  checkName(name);
  const key = Buffer.from(b64, 'base64');
  if (key.toString('base64') !== b64 || key.length !== 33 || key[0] !== ALG_ED25519) {
    throw new MerkleLogError('key.malformed', 'expected base64 of 0x01 || 32-byte Ed25519 key');
  }
  return { name, hash: Number.parseInt(hashHex, 16), key: key.subarray(1) };
}

export function parseVkey(vkey: string): NoteVerifierKey {
  const { name, hash, key } = splitKey(vkey);
  if (noteKeyHash(name, key) !== hash)
    throw new MerkleLogError('key.hash_mismatch', 'key hash does not match');
  const publicKey = createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, key]),
    format: 'der',
    type: 'spki',
  });
  return { name, keyHash: hash, publicKey };
}

export function parseSkey(skey: string): NoteSignerKey {
  if (!skey.startsWith('PRIVATE+KEY+')) throw new MerkleLogError('key.malformed', 'expected PRIVATE+KEY+…');
  const { name, hash, key: seed } = splitKey(skey.slice('PRIVATE+KEY+'.length));
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey);
  if (noteKeyHash(name, rawPublicKey(publicKey)) !== hash) {
    throw new MerkleLogError('key.hash_mismatch', 'key hash does not match the derived public key');
  }
  return { name, keyHash: hash, publicKey, privateKey };
}

export interface GeneratedNoteKey extends NoteSignerKey {
  vkey: string;
  skey: string;
}

/** A fresh Ed25519 key with both encodings — for development keys and tests. */
export function generateNoteKey(name: string): GeneratedNoteKey {
  checkName(name);
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    name,
    keyHash: noteKeyHash(name, rawPublicKey(publicKey)),
    publicKey,
    privateKey,
    vkey: formatVkey(name, publicKey),
    skey: formatSkey(name, privateKey),
  };
}
