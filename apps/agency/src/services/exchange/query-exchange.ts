import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { type InfoRecord, type ProviderAnswer, signedFetch } from '@madoguchi/exchange';
import type { AgencyConfig } from '../../config.ts';
import { findTenant, isMunicipalKind, knowsPerson, residentFugo } from '../../data/exchange.ts';
import type { AgencyDB } from '../../data/schema.ts';
import type { ExchangeKeys } from './keys.ts';

export interface QueryInput {
  querier: string;
  task: string;
  residentId?: string;
  fugo?: string;
  infoTypes: string[];
  provider: string;
}

interface PermitsAnswer {
  permits: { provider: string; endpointUrl: string; permit: string; entryId: string; infoTypes: string[] }[];
  refusals: { provider: string; entryId: string; reason: string }[];
}

/** The querier's own link code: a municipality finds it on its resident, anyone else on its copy. */
async function querierFugo(db: Kysely<AgencyDB>, tenant: { code: string; kind: string }, input: QueryInput) {
  if (input.residentId !== undefined) {
    if (!isMunicipalKind(tenant.kind)) throw new AppError('request.invalid');
    const row = await residentFugo(db, tenant.code, input.residentId);
    if (!row) throw new AppError('resource.not_found');
    if (!row.fugo) throw new AppError('fugo.not_linked');
    return row.fugo;
  }
  if (input.fugo === undefined || !(await knowsPerson(db, tenant, input.fugo)))
    throw new AppError('fugo.unknown');
  return input.fugo;
}

/**
 * The querier side of an exchange (情報照会): ask the hub for a permit, signed as the querying agency,
 * then present it to the provider's intermediate server. A provider that is slow (3 s), refuses the
 * connection or fails is `exchange.provider_unavailable`, and nothing is written here for it; an
 * answer is audited (`exchange.queried`) without storing the records, which the caller receives.
 */
export async function queryExchange(
  db: Kysely<AgencyDB>,
  config: AgencyConfig,
  keys: ExchangeKeys,
  staffId: string,
  requestId: string,
  input: QueryInput,
): Promise<{ entryId: string; provider: string; records: InfoRecord[] }> {
  const tenant = await findTenant(db, input.querier);
  if (!tenant) throw new AppError('resource.not_found');
  const fugo = await querierFugo(db, tenant, input);
  const permits = await signedFetch<PermitsAnswer>({
    baseUrl: config.hubUrl,
    path: '/api/permits',
    body: { task: input.task, fugo, infoTypes: input.infoTypes, provider: input.provider },
    agency: tenant.code,
    key: keys.agencyKey(tenant.code).privateKey,
  });
  const granted = permits.permits.find((p) => p.provider === input.provider);
  if (!granted) throw new AppError('exchange.not_permitted');
  const answer = await signedFetch<ProviderAnswer>({
    baseUrl: granted.endpointUrl,
    path: '/answer',
    body: { permit: granted.permit },
    timeoutMs: 3000,
    unreachableCode: 'exchange.provider_unavailable',
  });
  await writeAudit(db, {
    type: 'exchange.queried',
    actor: `staff:${staffId}`,
    onBehalfOf: `agency:${tenant.code}`,
    purpose: `情報照会 (${input.task})`,
    requestId,
    subject: `fugo:${tenant.code}:${fugo}`,
    outcome: 'success',
    detail: {
      entryId: granted.entryId,
      provider: granted.provider,
      infoTypes: granted.infoTypes.join(','),
      records: answer.records.length,
    },
  });
  return { entryId: granted.entryId, provider: granted.provider, records: answer.records };
}
