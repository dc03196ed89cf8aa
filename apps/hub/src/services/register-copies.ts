/**
 * Copy registration with linkage assurance: an agency that holds its own copy of a person's data (a
 * pension record, an insurance record) gets its link code only when the municipality that holds the
 * resident record confirms the birth date and kana name, so a mistyped My Number cannot link the copy to
 * somebody else. Pipeline: checkMyNumbers → findPersons → askMunicipalities → store + audit.
 */
import { writeAudit } from '@madoguchi/audit';
import { AppError, type ErrorCode } from '@madoguchi/errors';
import { findPersonsByKey, insertFugos } from '../data/persons.ts';
import { callAgency } from './agency-client.ts';
import { checkMyNumbers } from './check-my-numbers.ts';
import { type AgencyCaller, actorOf, type HubContext } from './context.ts';

export interface CopyItem {
  ref: string;
  myNumber: string;
  birthDate: string;
  kanaName: string;
}

export type Fact = 'birthDate' | 'kanaName';

export type CopyResult =
  | { ref: string; fugo: string }
  | { ref: string; error: { code: ErrorCode; facts?: Fact[] } };

interface FactsAnswer {
  items: { ref: string; birthDate: 'match' | 'mismatch'; kanaName: 'match' | 'mismatch' }[];
}

type Outcome = { personId: string; fugo: string } | { personId?: string; code: ErrorCode; facts?: Fact[] };

/** Asks one municipality about its residents; refs sent are item indexes, so the caller's refs stay here. */
async function askMunicipality(
  ctx: HubContext,
  municipality: string,
  batch: { index: number; personId: string; item: CopyItem }[],
): Promise<Map<number, Fact[] | 'unavailable'>> {
  const out = new Map<number, Fact[] | 'unavailable'>();
  let answer: FactsAnswer;
  try {
    answer = await callAgency<FactsAnswer>(ctx, municipality, '/facts-check', {
      items: batch.map((b) => ({
        ref: String(b.index),
        fugo: ctx.codes.fugoOf(municipality, b.personId),
        birthDate: b.item.birthDate,
        kanaName: b.item.kanaName,
      })),
    });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    for (const b of batch) out.set(b.index, 'unavailable');
    return out;
  }
  const byRef = new Map((answer?.items ?? []).map((a) => [a.ref, a]));
  for (const b of batch) {
    const a = byRef.get(String(b.index));
    // An answer that skips an item is no confirmation: fail closed.
    if (a === undefined) out.set(b.index, 'unavailable');
    else
      out.set(
        b.index,
        (['birthDate', 'kanaName'] as const).filter((f) => a[f] !== 'match'),
      );
  }
  return out;
}

export async function registerCopies(
  ctx: HubContext,
  caller: AgencyCaller,
  items: readonly CopyItem[],
): Promise<CopyResult[]> {
  checkMyNumbers(items);
  const keys = items.map((it) => ctx.codes.personKeyOf(it.myNumber));
  const persons = await findPersonsByKey(ctx.db, keys);
  const outcomes: Outcome[] = [];
  const byMunicipality = new Map<string, { index: number; personId: string; item: CopyItem }[]>();
  items.forEach((item, index) => {
    const p = persons.get(keys[index]?.toString('hex') as string);
    outcomes[index] = p
      ? { personId: p.id, code: 'exchange.provider_unavailable' }
      : { code: 'fugo.person_unknown' };
    if (p)
      byMunicipality.set(p.registeredBy, [
        ...(byMunicipality.get(p.registeredBy) ?? []),
        { index, personId: p.id, item },
      ]);
  });
  const answers = await Promise.all([...byMunicipality].map(([m, batch]) => askMunicipality(ctx, m, batch)));
  for (const answer of answers)
    for (const [index, facts] of answer) {
      const personId = (outcomes[index] as { personId: string }).personId;
      if (facts === 'unavailable') continue;
      outcomes[index] =
        facts.length === 0
          ? { personId, fugo: ctx.codes.fugoOf(caller.code, personId) }
          : { personId, code: 'fugo.facts_mismatch', facts };
    }
  await storeAndAudit(ctx, caller, outcomes, byMunicipality.size);
  return items.map((it, i) => {
    const o = outcomes[i] as Outcome;
    if ('fugo' in o) return { ref: it.ref, fugo: o.fugo };
    return { ref: it.ref, error: o.facts ? { code: o.code, facts: o.facts } : { code: o.code } };
  });
}

async function storeAndAudit(
  ctx: HubContext,
  caller: AgencyCaller,
  outcomes: Outcome[],
  municipalities: number,
) {
  const linked = outcomes.filter((o): o is { personId: string; fugo: string } => 'fugo' in o);
  const count = (code: ErrorCode) => outcomes.filter((o) => 'code' in o && o.code === code).length;
  await ctx.db.transaction().execute(async (trx) => {
    await insertFugos(
      trx,
      linked.map((o) => ({ agencyCode: caller.code, personId: o.personId, fugo: o.fugo })),
    );
    const base = {
      actor: actorOf(caller),
      purpose: '情報連携のための符号の取得（副本の登録・基本4情報の照合）',
      requestId: caller.requestId,
    };
    if (municipalities > 0)
      await writeAudit(trx, {
        ...base,
        type: 'fugo.facts_checked',
        outcome: 'success',
        detail: { municipalities, items: outcomes.filter((o) => o.personId !== undefined).length },
      });
    for (const o of outcomes)
      if ('code' in o && o.code === 'fugo.facts_mismatch')
        await writeAudit(trx, {
          ...base,
          type: 'fugo.copy_refused',
          subject: `person:${o.personId}`,
          outcome: 'denied',
          detail: { facts: (o.facts ?? []).join(','), code: o.code },
        });
    await writeAudit(trx, {
      ...base,
      type: 'fugo.copy_registered',
      subject: linked.length === 1 && outcomes.length === 1 ? `person:${linked[0]?.personId}` : undefined,
      outcome: linked.length === outcomes.length ? 'success' : linked.length === 0 ? 'failure' : 'success',
      detail: {
        registered: linked.length,
        mismatched: count('fugo.facts_mismatch'),
        unknown: count('fugo.person_unknown'),
        unavailable: count('exchange.provider_unavailable'),
      },
    });
  });
}
