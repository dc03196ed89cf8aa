import { deriveKey } from '@madoguchi/exchange';
import { formatVkey, type NoteSignerKey, noteKeyHash, rawPublicKey } from '@madoguchi/merkle-log';

export interface LogKey {
  signer: NoteSignerKey;
  /** The C2SP verifier key served at GET /log/key; its name is the checkpoint origin. */
  vkey: string;
  origin: string;
}

/**
 * The log key: Ed25519 derived from HUB_LOG_SECRET (docs/exchange.md), named after the origin so a
 * verifier that pins the vkey also pins which log a checkpoint may claim to be.
 */
export function logKeyFrom(logSecret: string, origin: string): LogKey {
  const key = deriveKey(logSecret, 'hub:log');
  const signer: NoteSignerKey = {
    name: origin,
    keyHash: noteKeyHash(origin, rawPublicKey(key.publicKey)),
    publicKey: key.publicKey,
    privateKey: key.privateKey,
  };
  return { signer, vkey: formatVkey(origin, key.publicKey), origin };
}
