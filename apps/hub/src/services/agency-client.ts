import { AppError } from '@madoguchi/errors';
import { signedFetch } from '@madoguchi/exchange';
import type { HubContext } from './context.ts';
import { HUB_AGENCY_CODE } from './network-key.ts';

/**
 * A hub → intermediate-server call, signed with the network key as agency `hub`. An agency that is not
 * enrolled with an endpoint, or does not answer, is `exchange.provider_unavailable`.
 */
export async function callAgency<T>(
  ctx: HubContext,
  agencyCode: string,
  path: string,
  body: unknown,
): Promise<T> {
  const enrolled = (await ctx.registry.enrolled()).get(agencyCode);
  if (enrolled?.endpointUrl == null)
    throw new AppError('exchange.provider_unavailable', {
      details: { provider: agencyCode, reason: 'not_enrolled' },
    });
  return signedFetch<T>({
    baseUrl: enrolled.endpointUrl,
    path,
    body,
    agency: HUB_AGENCY_CODE,
    key: ctx.network.privateKey,
    unreachableCode: 'exchange.provider_unavailable',
  });
}
