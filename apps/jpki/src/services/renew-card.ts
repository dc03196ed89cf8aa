import { writeAudit } from '@madoguchi/audit';
import { AppError } from '@madoguchi/errors';
import { type BasicFacts, readBasicFacts } from '@madoguchi/pki';
import { findCard, lockCard, updateResidentRef } from '../data/cards.ts';
import { latestOfKind } from '../data/certificates.ts';
import type { Caller, JpkiContext } from './context.ts';
import { type CardResponse, cardResponse, issuePair, readCsrPair, storePair } from './issue-certificates.ts';
import { type Revocation, revokeAll } from './revoke-certificates.ts';

export interface RenewCardInput {
  signCsr: string;
  authCsr: string;
  facts?: BasicFacts | undefined;
  residentRef?: string | undefined;
}

/**
 * New certificates on the same card, each recording the serial it replaces; the old ones are
 * revoked as superseded. Without new facts the facts of the current signature certificate carry over.
 */
export async function renewCard(
  ctx: JpkiContext,
  caller: Caller,
  cardSerial: string,
  input: RenewCardInput,
): Promise<CardResponse> {
  const ca = await ctx.ca.get();
  const card = await findCard(ctx.db, cardSerial);
  if (card?.status !== 'active') throw new AppError('card.not_found');
  const keys = await readCsrPair(input.signCsr, input.authCsr);
  const previousSign = await latestOfKind(ctx.db, cardSerial, 'sign');
  const facts = input.facts ?? (previousSign && readBasicFacts(previousSign.certificatePem));
  if (!facts) throw new AppError('request.invalid', { details: { missing: 'facts' } });
  const now = new Date();
  const pair = await issuePair(ctx, ca, { cardSerial, facts, keys }, now);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await lockCard(trx, cardSerial);
    if (locked?.status !== 'active') throw new AppError('card.not_found');
    const onBehalfOf = `person:${locked.personId}`;
    if (input.residentRef) await updateResidentRef(trx, locked.personId, input.residentRef);
    const sign = await latestOfKind(trx, cardSerial, 'sign');
    const auth = await latestOfKind(trx, cardSerial, 'auth');
    const revocations: Revocation[] = [];
    if (sign?.status === 'good') revocations.push({ serial: sign.serial, kind: 'sign' });
    if (auth?.status === 'good') revocations.push({ serial: auth.serial, kind: 'auth' });
    await revokeAll(trx, ca, { ...caller, onBehalfOf }, revocations, 'superseded', now);
    await storePair(trx, cardSerial, pair, { sign: sign?.serial, auth: auth?.serial });
    await writeAudit(trx, {
      type: 'card.renewed',
      actor: caller.actor,
      onBehalfOf,
      purpose: '電子証明書の更新 (certificate renewal)',
      requestId: caller.requestId,
      subject: `card:${cardSerial}`,
      outcome: 'success',
      detail: {
        signSerial: pair.sign.serial,
        authSerial: pair.auth.serial,
        residentRefChanged: Boolean(input.residentRef),
      },
    });
  });
  return cardResponse(cardSerial, pair, ca);
}
