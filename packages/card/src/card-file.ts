import { randomBytes } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from '@madoguchi/errors';
import { maxTries, type PinKind } from './pin-rules.ts';
import type { SealedBlob } from './sealed-blob.ts';

/**
 * The virtual My Number card on disk (JSON, version 1). Certificates and the chain are public; the
 * two private keys and the 券面事項 are sealed under their PINs; the counters are plain because a
 * real card keeps them outside the protected data too.
 */
export interface CardFile {
  version: 1;
  cardSerial: string;
  /** What the reader agent shows in its card list, e.g. the holder's name as printed on the card. */
  label?: string;
  certificates: { sign: string; auth: string };
  chain: { rootPem: string; signCaPem: string; authCaPem: string };
  /** auth: PKCS#8 DER of the authentication key; sign: of the signature key; support: JSON facts. */
  blobs: Record<PinKind, SealedBlob>;
  /** Tries left before the PIN locks. */
  counters: Record<PinKind, number>;
  issuedAt: string;
}

const maxFileBytes = 256 * 1024;

function isCardFile(v: unknown): v is CardFile {
  const c = v as CardFile;
  return (
    typeof c === 'object' &&
    c !== null &&
    c.version === 1 &&
    typeof c.cardSerial === 'string' &&
    typeof c.certificates?.sign === 'string' &&
    typeof c.certificates?.auth === 'string' &&
    typeof c.chain?.rootPem === 'string' &&
    (['auth', 'sign', 'support'] as const).every(
      (k) => typeof c.blobs?.[k]?.data === 'string' && Number.isInteger(c.counters?.[k]),
    )
  );
}

export async function readCardFile(path: string): Promise<CardFile> {
  let text: string;
  try {
    const raw = await readFile(path);
    if (raw.length > maxFileBytes) throw new Error('too large');
    text = raw.toString('utf8');
  } catch (err) {
    throw new AppError('card.not_found', { cause: err });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new AppError('card.not_found', { cause: err, details: { reason: 'not a card file' } });
  }
  if (!isCardFile(parsed)) throw new AppError('card.not_found', { details: { reason: 'not a card file' } });
  for (const k of ['auth', 'sign', 'support'] as const)
    parsed.counters[k] = Math.max(0, Math.min(parsed.counters[k], maxTries[k]));
  return parsed;
}

/** Write to a temporary file beside it and rename: a crash never leaves half a card (or a reset counter). */
export async function writeCardFile(path: string, card: CardFile): Promise<void> {
  const tmp = join(dirname(path), `.${randomBytes(6).toString('hex')}.card.tmp`);
  try {
    await writeFile(tmp, `${JSON.stringify(card, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
}
