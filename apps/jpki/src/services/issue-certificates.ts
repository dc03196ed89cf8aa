import { randomInt } from 'node:crypto';
import type { Kysely } from '@madoguchi/db';
import {
  type BasicFacts,
  issueAuthCertificate,
  issueSignatureCertificate,
  newSerial,
  PkiError,
  readCsr,
} from '@madoguchi/pki';
import { insertCertificate } from '../data/certificates.ts';
import type { JpkiDB } from '../data/schema.ts';
import type { CaHierarchy } from './ca-store.ts';
import { type JpkiContext, leafUrls } from './context.ts';

/** Certificates are valid 5 years flat (the real rule ends a signature certificate at the 5th birthday after issue). */
const validityYears = 5;

/** A card serial: 12 random decimal digits (the real card number is also 12 digits, unrelated to the My Number). */
export function newCardSerial(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += String(randomInt(10));
  return s;
}

export interface IssuedPair {
  sign: { serial: string; certificatePem: string; notBefore: Date; notAfter: Date };
  auth: { serial: string; certificatePem: string; notBefore: Date; notAfter: Date };
}

export interface CardResponse {
  cardSerial: string;
  sign: { serial: string; certificatePem: string };
  auth: { serial: string; certificatePem: string };
  chain: { rootPem: string; signCaPem: string; authCaPem: string };
}

/** Both CSRs are checked (self-signature, RSA-2048, two different keys) before anything is written. */
export async function readCsrPair(signCsr: string, authCsr: string) {
  const sign = await readCsr(signCsr);
  const auth = await readCsr(authCsr);
  const der = (k: typeof sign) => k.publicKey.export({ type: 'spki', format: 'der' });
  if (der(sign).equals(der(auth))) {
    throw new PkiError(
      'certificate.request_invalid',
      'the signature and authentication keys are the same key',
    );
  }
  return { sign: sign.publicKey, auth: auth.publicKey };
}

export async function issuePair(
  ctx: JpkiContext,
  ca: CaHierarchy,
  input: { cardSerial: string; facts: BasicFacts; keys: Awaited<ReturnType<typeof readCsrPair>> },
  now = new Date(),
): Promise<IssuedPair> {
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + validityYears);
  const signSerial = newSerial();
  const authSerial = newSerial();
  const signPem = await issueSignatureCertificate({
    issuer: ca.issuing.sign.issuer,
    publicKey: input.keys.sign,
    serial: signSerial,
    cardSerial: input.cardSerial,
    facts: input.facts,
    notBefore,
    notAfter,
    urls: leafUrls(ctx.config, 'sign'),
  });
  const authPem = await issueAuthCertificate({
    issuer: ca.issuing.auth.issuer,
    publicKey: input.keys.auth,
    serial: authSerial,
    cardSerial: input.cardSerial,
    notBefore,
    notAfter,
    urls: leafUrls(ctx.config, 'auth'),
  });
  return {
    sign: { serial: signSerial, certificatePem: signPem, notBefore, notAfter },
    auth: { serial: authSerial, certificatePem: authPem, notBefore, notAfter },
  };
}

export async function storePair(
  trx: Kysely<JpkiDB>,
  cardSerial: string,
  pair: IssuedPair,
  replaces: { sign?: string | undefined; auth?: string | undefined } = {},
): Promise<void> {
  for (const kind of ['sign', 'auth'] as const) {
    const c = pair[kind];
    await insertCertificate(trx, {
      serial: c.serial,
      card_serial: cardSerial,
      kind,
      not_before: c.notBefore,
      not_after: c.notAfter,
      certificate_pem: c.certificatePem,
      replaces_serial: replaces[kind] ?? null,
    });
  }
}

export function cardResponse(cardSerial: string, pair: IssuedPair, ca: CaHierarchy): CardResponse {
  return {
    cardSerial,
    sign: { serial: pair.sign.serial, certificatePem: pair.sign.certificatePem },
    auth: { serial: pair.auth.serial, certificatePem: pair.auth.certificatePem },
    chain: {
      rootPem: ca.root.issuer.certificatePem,
      signCaPem: ca.issuing.sign.issuer.certificatePem,
      authCaPem: ca.issuing.auth.issuer.certificatePem,
    },
  };
}
