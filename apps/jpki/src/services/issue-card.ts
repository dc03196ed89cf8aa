import { writeAudit } from '@madoguchi/audit';
import { AppError } from '@madoguchi/errors';
import type { BasicFacts } from '@madoguchi/pki';
import {
  activeCardsOf,
  findCard,
  findOrCreatePerson,
  insertCard,
  markCardSuperseded,
} from '../data/cards.ts';
import { certificatesOfCard } from '../data/certificates.ts';
import type { Caller, JpkiContext } from './context.ts';
import {
  type CardResponse,
  cardResponse,
  issuePair,
  newCardSerial,
  readCsrPair,
  storePair,
} from './issue-certificates.ts';
import { type Revocation, revokeAll } from './revoke-certificates.ts';

export interface IssueCardInput {
  residentRef: string;
  facts: BasicFacts;
  signCsr: string;
  authCsr: string;
}

async function freeCardSerial(ctx: JpkiContext): Promise<string> {
  for (let i = 0; i < 5; i++) {
    const serial = newCardSerial();
    if (!(await findCard(ctx.db, serial))) return serial;
  }
  throw new Error('no free card serial after 5 tries');
}

/**
 * Issues a new card. A person who already holds cards keeps their person key (and so their portal
 * account); the certificates of their previous cards are revoked as superseded.
 */
export async function issueCard(
  ctx: JpkiContext,
  caller: Caller,
  input: IssueCardInput,
): Promise<CardResponse> {
  const ca = await ctx.ca.get();
  const keys = await readCsrPair(input.signCsr, input.authCsr);
  const cardSerial = await freeCardSerial(ctx);
  const now = new Date();
  const pair = await issuePair(ctx, ca, { cardSerial, facts: input.facts, keys }, now);
  await ctx.db.transaction().execute(async (trx) => {
    const personId = await findOrCreatePerson(trx, input.residentRef);
    const onBehalfOf = `person:${personId}`;
    const previous = await activeCardsOf(trx, personId);
    const revocations: Revocation[] = [];
    for (const serial of previous) {
      await markCardSuperseded(trx, serial);
      for (const c of await certificatesOfCard(trx, serial))
        if (c.status === 'good') revocations.push({ serial: c.serial, kind: c.kind });
    }
    await revokeAll(trx, ca, { ...caller, onBehalfOf }, revocations, 'superseded', now);
    if (!(await insertCard(trx, cardSerial, personId))) throw new AppError('internal.error');
    await storePair(trx, cardSerial, pair);
    await writeAudit(trx, {
      type: 'card.issued',
      actor: caller.actor,
      onBehalfOf,
      purpose: '個人番号カードの交付 (card issuance)',
      requestId: caller.requestId,
      subject: `card:${cardSerial}`,
      outcome: 'success',
      detail: {
        signSerial: pair.sign.serial,
        authSerial: pair.auth.serial,
        supersededCards: previous.length,
      },
    });
  });
  return cardResponse(cardSerial, pair, ca);
}
