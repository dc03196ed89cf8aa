import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { findTenant, isMunicipalKind, residentFactsByFugo, residentFugo } from '../../data/exchange.ts';
import type { AgencyDB } from '../../data/schema.ts';
import { normalizeKana } from './kana.ts';

export interface FactsCheckItem {
  ref: string;
  fugo: string;
  birthDate: string;
  kanaName: string;
}

export type Verdict = 'match' | 'mismatch';

/** Only a municipality holds resident records; the hub asks no one else. */
async function municipalTenant(db: Kysely<AgencyDB>, code: string) {
  const tenant = await findTenant(db, code);
  if (!tenant || !isMunicipalKind(tenant.kind)) throw new AppError('resource.not_found');
  return tenant;
}

/**
 * Linkage assurance (紐付け確認): does what another agency was told (birth date, kana name) match
 * this municipality's resident record? Only the verdicts leave; the record itself does not. A link
 * code this municipality does not know matches nothing.
 */
export async function checkFacts(
  db: Kysely<AgencyDB>,
  code: string,
  items: readonly FactsCheckItem[],
  requestId: string,
): Promise<{ ref: string; birthDate: Verdict; kanaName: Verdict }[]> {
  await municipalTenant(db, code);
  return db.transaction().execute(async (trx) => {
    const found = new Map(
      (
        await residentFactsByFugo(
          trx,
          code,
          items.map((i) => i.fugo),
        )
      ).map((r) => [r.fugo, r]),
    );
    let mismatches = 0;
    let unknown = 0;
    const verdicts = items.map((item) => {
      const r = found.get(item.fugo);
      if (!r) unknown++;
      const birthDate: Verdict = r && r.birth_date === item.birthDate ? 'match' : 'mismatch';
      const kanaName: Verdict =
        r && normalizeKana(`${r.family_kana}${r.given_kana}`) === normalizeKana(item.kanaName)
          ? 'match'
          : 'mismatch';
      if (birthDate === 'mismatch' || kanaName === 'mismatch') mismatches++;
      return { ref: item.ref, birthDate, kanaName };
    });
    await writeAudit(trx, {
      type: 'fugo.facts_checked',
      actor: 'agency:hub',
      purpose: '符号の紐付け確認 (linkage assurance for another agency’s copy)',
      requestId,
      outcome: 'success',
      detail: { municipality: code, items: items.length, mismatches, unknown },
    });
    return verdicts;
  });
}

/** The municipality's link code for one of its residents (the portal link after a card login). */
export async function residentFugoForHub(
  db: Kysely<AgencyDB>,
  code: string,
  residentId: string,
  requestId: string,
): Promise<string> {
  await municipalTenant(db, code);
  const row = await db.transaction().execute(async (trx) => {
    const r = await residentFugo(trx, code, residentId);
    await writeAudit(trx, {
      type: 'fugo.portal_linked',
      actor: 'agency:hub',
      purpose: 'マイナポータルとの連携 (link code for the portal after card login)',
      requestId,
      subject: `resident:${residentId}`,
      outcome: r?.fugo ? 'success' : 'failure',
      detail: { municipality: code },
    });
    return r;
  });
  if (!row) throw new AppError('resource.not_found');
  if (!row.fugo) throw new AppError('fugo.not_linked');
  return row.fugo;
}
