import { writeAudit } from '@madoguchi/audit';
import { AppError } from '@madoguchi/errors';
import { findCard, lockCard, markCardUnlocked } from '../data/cards.ts';
import { certificatesOfCard, latestOfKind } from '../data/certificates.ts';
import type { CertificateKind, RevocationReason } from '../data/schema.ts';
import type { Caller, JpkiContext } from './context.ts';
import { revokeAll } from './revoke-certificates.ts';

export async function revokeCardCertificate(
  ctx: JpkiContext,
  caller: Caller,
  cardSerial: string,
  input: { kind: CertificateKind; reason: RevocationReason },
): Promise<{ serial: string; revokedAt: Date; reason: RevocationReason }> {
  const ca = await ctx.ca.get();
  const now = new Date();
  return ctx.db.transaction().execute(async (trx) => {
    const card = await lockCard(trx, cardSerial);
    if (!card) throw new AppError('card.not_found');
    const current = await latestOfKind(trx, cardSerial, input.kind);
    if (!current) throw new AppError('card.not_found');
    if (current.status !== 'good') throw new AppError('certificate.already_revoked');
    const onBehalfOf = `person:${card.personId}`;
    await revokeAll(
      trx,
      ca,
      { ...caller, onBehalfOf },
      [{ serial: current.serial, kind: input.kind }],
      input.reason,
      now,
    );
    return { serial: current.serial, revokedAt: now, reason: input.reason };
  });
}

/** Name or address changed: the signature certificate no longer tells the truth, so it is revoked. */
export async function factsChanged(
  ctx: JpkiContext,
  caller: Caller,
  cardSerial: string,
): Promise<{ revoked: string[] }> {
  const ca = await ctx.ca.get();
  const now = new Date();
  return ctx.db.transaction().execute(async (trx) => {
    const card = await lockCard(trx, cardSerial);
    if (!card) throw new AppError('card.not_found');
    const onBehalfOf = `person:${card.personId}`;
    const current = await latestOfKind(trx, cardSerial, 'sign');
    const targets = current?.status === 'good' ? [{ serial: current.serial, kind: 'sign' as const }] : [];
    const revoked = await revokeAll(trx, ca, { ...caller, onBehalfOf }, targets, 'affiliationChanged', now);
    await writeAudit(trx, {
      type: 'card.facts_changed',
      actor: caller.actor,
      onBehalfOf,
      purpose: '基本4情報の変更 (change of name or address)',
      requestId: caller.requestId,
      subject: `card:${cardSerial}`,
      outcome: 'success',
      detail: { revoked: revoked.length },
    });
    return { revoked };
  });
}

export async function unlockCard(
  ctx: JpkiContext,
  caller: Caller,
  cardSerial: string,
): Promise<{ cardSerial: string; unlockedAt: Date }> {
  const now = new Date();
  return ctx.db.transaction().execute(async (trx) => {
    const card = await lockCard(trx, cardSerial);
    if (!card) throw new AppError('card.not_found');
    await markCardUnlocked(trx, cardSerial, now);
    await writeAudit(trx, {
      type: 'card.unlocked',
      actor: caller.actor,
      onBehalfOf: `person:${card.personId}`,
      purpose: '暗証番号ロックの解除 (PIN unlock)',
      requestId: caller.requestId,
      subject: `card:${cardSerial}`,
      outcome: 'success',
    });
    return { cardSerial, unlockedAt: now };
  });
}

/** Staff read of a card's certificate list (no basic facts). Audited as resident.read: see README. */
export async function readCard(ctx: JpkiContext, caller: Caller, cardSerial: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const card = await findCard(trx, cardSerial);
    if (!card) throw new AppError('card.not_found');
    const certificates = await certificatesOfCard(trx, cardSerial);
    await writeAudit(trx, {
      type: 'resident.read',
      actor: caller.actor,
      onBehalfOf: `person:${card.personId}`,
      purpose: 'カードの証明書一覧の確認 (card certificate list)',
      requestId: caller.requestId,
      subject: `card:${cardSerial}`,
      outcome: 'success',
      detail: { view: 'card-certificates' },
    });
    return {
      cardSerial,
      certificates: certificates.map((c) => ({
        kind: c.kind,
        serial: c.serial,
        status: c.status,
        notAfter: c.notAfter.toISOString(),
        ...(c.revokedAt ? { revokedAt: c.revokedAt.toISOString() } : {}),
        ...(c.reason ? { reason: c.reason } : {}),
      })),
    };
  });
}
