import { randomBytes, randomUUID, type X509Certificate } from 'node:crypto';
import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import { AppError, type ErrorCode } from '@madoguchi/errors';
import { PkiError, parseCertificate, verifyChain, verifyRsaSha256 } from '@madoguchi/pki';
import { findChallenge, insertChallenge } from '../data/login-challenges.ts';
import { writeLogin } from '../data/login-transaction.ts';
import type { PortalDB } from '../data/schema.ts';
import type { JpkiClient } from './jpki-client.ts';
import { type LinkFugoDeps, linkFugoAfterLogin } from './link-fugo.ts';
import type { Session, SessionStore } from './sessions.ts';

export const challengeLifetimeMs = 5 * 60_000;

/**
 * What the card signs: the site's origin is part of it, so a challenge shown on a look-alike site
 * cannot be relayed to the real one (docs/jpki.md).
 */
export function loginMessage(site: string, challenge: string): Buffer {
  return Buffer.from(`madoguchi-jpki-login\n${site}\n${challenge}`, 'utf8');
}

export interface CardLoginDeps {
  db: Kysely<PortalDB>;
  jpki: JpkiClient;
  sessions: SessionStore;
  /** The exchange hub, to link the account after its first login (absent: no linking). */
  link?: Omit<LinkFugoDeps, 'db'>;
}

export async function startCardLogin(
  deps: CardLoginDeps,
  session: Session,
  now = new Date(),
): Promise<{ challengeId: string; challenge: string; expiresAt: Date }> {
  const challenge = randomBytes(32).toString('base64url');
  const row = {
    id: randomUUID(),
    session_hash: session.idHash,
    challenge,
    expires_at: new Date(now.getTime() + challengeLifetimeMs),
  };
  await insertChallenge(deps.db, row);
  return { challengeId: row.id, challenge, expiresAt: row.expires_at };
}

export interface CardLoginInput {
  session: Session;
  site: string;
  challengeId: string;
  certificate: string;
  signature: string;
  requestId: string;
}

const base64 = /^[A-Za-z0-9+/]+={0,2}$/;

function decode(value: string, code: ErrorCode, maxBytes: number): Buffer {
  if (!base64.test(value) || value.length > Math.ceil(maxBytes / 3) * 4) throw new AppError(code);
  return Buffer.from(value, 'base64');
}

const chainErrors = {
  untrusted: 'certificate.untrusted',
  expired: 'certificate.expired',
  not_yet_valid: 'certificate.not_yet_valid',
} as const;

async function checkCertificate(deps: CardLoginDeps, input: CardLoginInput, now: Date) {
  let leaf: X509Certificate;
  try {
    leaf = parseCertificate(decode(input.certificate, 'certificate.malformed', 16 * 1024));
  } catch (err) {
    throw err instanceof PkiError ? new AppError(err.code) : err;
  }
  const signature = decode(input.signature, 'signature.malformed', 1024);
  const challenge = await findChallenge(deps.db, input.challengeId, input.session.idHash);
  if (!challenge || challenge.used_at) throw new AppError('login.challenge_invalid');
  if (challenge.expires_at <= now) throw new AppError('login.challenge_expired');
  const trust = await deps.jpki.trust();
  const chain = verifyChain({ leaf, issuer: trust.authCa, root: trust.root, at: now });
  if (chain !== 'ok') throw new AppError(chainErrors[chain]);
  if (!verifyRsaSha256({ certificate: leaf, data: loginMessage(input.site, challenge.challenge), signature }))
    throw new AppError('signature.invalid');
  const status = await deps.jpki.status(leaf, leaf.toString(), now.getTime());
  if (status.status === 'revoked') throw new AppError('certificate.revoked');
  if (status.status !== 'good') throw new AppError('certificate.untrusted');
  return { leaf, subject: await deps.jpki.identify(leaf, now.getTime()) };
}

/**
 * Card login: signature over the challenge, chain to the JPKI root, validity, OCSP (fail closed),
 * then the pairwise subject from jpki. Success rotates the session id; every outcome is audited.
 * A refused attempt changes nothing but its audit row. An account without a link code (符号) gets
 * one from the hub here; that step never fails the login.
 */
export async function completeCardLogin(
  deps: CardLoginDeps,
  input: CardLoginInput,
  now = new Date(),
): Promise<{ session: Session; firstLogin: boolean }> {
  try {
    const { leaf, subject } = await checkCertificate(deps, input, now);
    const session = deps.sessions.mint(subject, now);
    const written = await writeLogin(deps.db, {
      challengeId: input.challengeId,
      preLoginSessionHash: input.session.idHash,
      subject,
      now,
      session,
      audit: {
        type: 'login.succeeded',
        actor: `resident:${subject}`,
        purpose: 'マイナンバーカードによるログイン (card login)',
        requestId: input.requestId,
        subject: `account:${subject}`,
        outcome: 'success',
        detail: { certificateSerial: leaf.serialNumber.toLowerCase() },
      },
    });
    // Used, expired or taken by a parallel attempt between the check above and this write.
    if (!written.ok) throw new AppError('login.challenge_invalid');
    if (written.fugo === null && deps.link)
      await linkFugoAfterLogin(
        { db: deps.db, ...deps.link },
        { subject, certificateDer: leaf.raw, requestId: input.requestId },
      );
    return { session, firstLogin: written.firstLogin };
  } catch (err) {
    const code: ErrorCode = err instanceof AppError ? err.code : 'internal.error';
    await writeAudit(deps.db, {
      type: 'login.failed',
      actor: 'public:anonymous',
      purpose: 'マイナンバーカードによるログイン (card login)',
      requestId: input.requestId,
      outcome: code === 'login.status_unavailable' || code === 'internal.error' ? 'failure' : 'denied',
      detail: { reason: code },
    }).catch(() => undefined);
    throw err;
  }
}
