import { createPrivateKey, type KeyObject, sign, X509Certificate } from 'node:crypto';
import { AppError } from '@madoguchi/errors';
import type { BasicFacts } from '@madoguchi/pki';
import { type CardFile, readCardFile, writeCardFile } from './card-file.ts';
import { withCardLock } from './file-lock.ts';
import { checkPinFormat, maxTries, type PinKind, pinKinds } from './pin-rules.ts';
import { open, seal } from './sealed-blob.ts';

export interface CardFacts {
  facts: BasicFacts;
  /** The agency's reference for the holder (`agency:<municipality code>:<resident id>`). */
  residentRef: string;
}

export interface NewCard {
  cardSerial: string;
  label?: string;
  certificates: { sign: string; auth: string };
  chain: { rootPem: string; signCaPem: string; authCaPem: string };
  authKey: KeyObject;
  signKey: KeyObject;
  facts: BasicFacts;
  residentRef: string;
  pins: Record<PinKind, string>;
}

/** Seals the keys and facts under their PINs and writes a new card file (mode 0600). */
export async function createCardFile(path: string, input: NewCard): Promise<void> {
  for (const kind of pinKinds) checkPinFormat(kind, input.pins[kind]);
  const der = (k: KeyObject) => k.export({ type: 'pkcs8', format: 'der' });
  const [auth, signBlob, support] = await Promise.all([
    seal(der(input.authKey), input.pins.auth),
    seal(der(input.signKey), input.pins.sign),
    seal(
      Buffer.from(JSON.stringify({ facts: input.facts, residentRef: input.residentRef })),
      input.pins.support,
    ),
  ]);
  const card: CardFile = {
    version: 1,
    cardSerial: input.cardSerial,
    ...(input.label ? { label: input.label } : {}),
    certificates: input.certificates,
    chain: input.chain,
    blobs: { auth, sign: signBlob, support },
    counters: { ...maxTries },
    issuedAt: new Date().toISOString(),
  };
  await withCardLock(path, () => writeCardFile(path, card));
}

/**
 * Opens one PIN-protected blob. The order is the point: a locked PIN is refused before any check;
 * a wrong PIN is counted and written to disk before the caller hears about it, so killing the
 * process after a wrong guess does not give the guess back.
 */
export async function unsealWithPin(path: string, kind: PinKind, pin: string): Promise<Buffer> {
  checkPinFormat(kind, pin);
  return withCardLock(path, async () => {
    const card = await readCardFile(path);
    if (card.counters[kind] <= 0) throw new AppError('card.locked', { details: { pin: kind } });
    const plain = await open(card.blobs[kind], pin);
    if (!plain) {
      card.counters[kind] -= 1;
      await writeCardFile(path, card);
      const remaining = card.counters[kind];
      if (remaining <= 0) throw new AppError('card.locked', { details: { pin: kind } });
      throw new AppError('card.pin_incorrect', { details: { pin: kind, remainingTries: remaining } });
    }
    if (card.counters[kind] !== maxTries[kind]) {
      card.counters[kind] = maxTries[kind];
      await writeCardFile(path, card);
    }
    return plain;
  });
}

const pemToDerB64 = (pem: string) => Buffer.from(new X509Certificate(pem).raw).toString('base64');

/** The bytes a login signature covers; binding the site origin stops a challenge being relayed. */
export function loginSignedData(site: string, challenge: string): Buffer {
  return Buffer.from(`madoguchi-jpki-login\n${site}\n${challenge}`, 'utf8');
}

/** 利用者証明用: RSASSA-PKCS1-v1_5/SHA-256 with the authentication key over the login string. */
export async function signLogin(
  path: string,
  pin: string,
  site: string,
  challenge: string,
): Promise<{ certificate: string; signature: string }> {
  const der = await unsealWithPin(path, 'auth', pin);
  const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  der.fill(0);
  const card = await readCardFile(path);
  return {
    certificate: pemToDerB64(card.certificates.auth),
    signature: sign('sha256', loginSignedData(site, challenge), key).toString('base64'),
  };
}

/** 券面事項入力補助用: the holder's basic facts and agency reference. */
export async function readFacts(path: string, pin: string): Promise<CardFacts> {
  const plain = await unsealWithPin(path, 'support', pin);
  return JSON.parse(plain.toString('utf8')) as CardFacts;
}

/** After the municipality unlocked the card (jpki `/unlock`): every counter back to its maximum. */
export async function resetCounters(path: string): Promise<void> {
  await withCardLock(path, async () => {
    const card = await readCardFile(path);
    card.counters = { ...maxTries };
    await writeCardFile(path, card);
  });
}

/** The public parts of a card: no PIN needed. */
export async function cardInfo(
  path: string,
): Promise<Pick<CardFile, 'cardSerial' | 'label' | 'certificates' | 'chain' | 'counters'>> {
  const { cardSerial, label, certificates, chain, counters } = await readCardFile(path);
  return { cardSerial, label, certificates, chain, counters };
}
