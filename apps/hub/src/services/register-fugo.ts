import { writeAudit } from '@madoguchi/audit';
import { insertFugos, upsertPersons } from '../data/persons.ts';
import { checkMyNumbers } from './check-my-numbers.ts';
import { type AgencyCaller, actorOf, type HubContext } from './context.ts';

export interface RegisterItem {
  myNumber: string;
  ref: string;
}

/**
 * Municipal registration: the municipality holds the resident record and the My Number, so it is the
 * one that makes a person known to the network. The hub keeps only the keyed hash of the number.
 */
export async function registerFugos(
  ctx: HubContext,
  caller: AgencyCaller,
  items: readonly RegisterItem[],
): Promise<{ ref: string; fugo: string }[]> {
  checkMyNumbers(items);
  const keys = items.map((it) => ctx.codes.personKeyOf(it.myNumber));
  return ctx.db.transaction().execute(async (trx) => {
    const personIds = await upsertPersons(trx, keys, caller.code);
    const out = items.map((it, i) => ({
      ref: it.ref,
      personId: personIds[i] as string,
      fugo: ctx.codes.fugoOf(caller.code, personIds[i] as string),
    }));
    await insertFugos(
      trx,
      out.map((o) => ({ agencyCode: caller.code, personId: o.personId, fugo: o.fugo })),
    );
    await writeAudit(trx, {
      type: 'fugo.registered',
      actor: actorOf(caller),
      purpose: '情報連携のための符号の取得（住民基本台帳）',
      requestId: caller.requestId,
      subject: out.length === 1 ? `person:${out[0]?.personId}` : undefined,
      outcome: 'success',
      detail: { count: out.length },
    });
    return out.map(({ ref, fugo }) => ({ ref, fugo }));
  });
}
