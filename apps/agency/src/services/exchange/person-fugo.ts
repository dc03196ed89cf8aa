import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { signedFetch } from '@madoguchi/exchange';
import type { AgencyConfig } from '../../config.ts';
import { findTenant, isMunicipalKind, knowsPerson } from '../../data/exchange.ts';
import type { AgencyDB } from '../../data/schema.ts';
import type { ExchangeKeys } from './keys.ts';

const purpose = 'デモ用: 住民に対応する符号の確認 (demo: a person’s link code at an agency)';

/**
 * A person's link code at one hosted agency, found by their municipal resident id (for the demo and
 * `madoguchi hub demo-exchange`). For a municipality it is the resident's own code. For a national
 * agency it exists in development and test only: a real 日本年金機構 never sees a municipality's resident
 * ids, and this app deliberately stores no mapping from resident to copy. Here, where one demo platform
 * hosts both, the copy's code is found again the way it was made — by registering the copy once more,
 * which the hub answers idempotently with the same code — and must already be held as a copy.
 */
export async function personFugo(
  db: Kysely<AgencyDB>,
  config: AgencyConfig,
  keys: ExchangeKeys,
  staffId: string,
  requestId: string,
  code: string,
  residentId: string,
): Promise<string> {
  const tenant = await findTenant(db, code);
  if (!tenant) throw new AppError('resource.not_found');
  const municipal = isMunicipalKind(tenant.kind);
  if (!municipal && config.mode === 'production') throw new AppError('route.not_found');
  const resident = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('resident')
      .select(['id', 'fugo', 'municipality_code', 'my_number', 'birth_date', 'family_kana', 'given_kana'])
      .where('id', '=', residentId)
      .executeTakeFirst();
    await writeAudit(trx, {
      type: 'resident.read',
      actor: `staff:${staffId}`,
      purpose,
      requestId,
      subject: `resident:${residentId}`,
      outcome: row ? 'success' : 'failure',
      detail: { agency: code },
    });
    return row;
  });
  if (!resident || (municipal && resident.municipality_code !== code))
    throw new AppError('resource.not_found');
  if (!resident.fugo) throw new AppError('fugo.not_linked');
  if (municipal) return resident.fugo;
  const answer = await signedFetch<{ items: { ref: string; fugo?: string }[] }>({
    baseUrl: config.hubUrl,
    path: '/api/fugo/register-copies',
    body: {
      items: [
        {
          ref: resident.id,
          myNumber: resident.my_number,
          birthDate: resident.birth_date,
          kanaName: `${resident.family_kana} ${resident.given_kana}`.trim(),
        },
      ],
    },
    agency: code,
    key: keys.agencyKey(code).privateKey,
  });
  const fugo = answer.items[0]?.fugo;
  if (!fugo || !(await knowsPerson(db, tenant, fugo))) throw new AppError('fugo.unknown');
  return fugo;
}
