import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import { AppError, type ErrorCode } from '@madoguchi/errors';
import { type PermitClaims, type ProviderAnswer, verifyPermit } from '@madoguchi/exchange';
import { findTenant, isMunicipalKind } from '../../data/exchange.ts';
import type { AgencyDB } from '../../data/schema.ts';
import { spendPermitAndRead } from '../../data/spend-permit.ts';
import type { ExchangeKeys } from './keys.ts';

const purpose = '情報提供ネットワークシステムによる情報提供 (answering a permitted query)';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const failureCode = {
  malformed: 'exchange.permit_invalid',
  bad_signature: 'exchange.permit_invalid',
  wrong_audience: 'exchange.permit_invalid',
  not_yet_valid: 'exchange.permit_invalid',
  expired: 'exchange.permit_expired',
} as const satisfies Record<string, ErrorCode>;

/** The subject of audit rows about a person at a provider: the provider's own link code, never a name. */
const subjectOf = (code: string, fugo: string) => `fugo:${code}:${fugo}`;

/**
 * Answers a permit: verify (hub key, audience, lifetime), then in ONE statement check the person is
 * known here, spend the permit, read the permitted records and audit (data/spend-permit.ts). A rejection is audited too and
 * nothing else is written, so a refused permit can be neither half-used nor silently lost.
 */
export async function answerPermit(
  db: Kysely<AgencyDB>,
  keys: ExchangeKeys,
  code: string,
  token: string,
  requestId: string,
): Promise<ProviderAnswer> {
  const tenant = await findTenant(db, code);
  if (!tenant) throw new AppError('resource.not_found');
  const check = verifyPermit(token, await keys.hubKey(), code);
  const claims: PermitClaims | undefined =
    check.ok && uuidPattern.test(check.claims.jti) ? check.claims : undefined;
  if (!claims) {
    const reason = check.ok ? 'malformed' : check.reason;
    await writeAudit(db, {
      type: 'exchange.rejected',
      actor: 'agency:unknown',
      purpose,
      requestId,
      outcome: 'denied',
      detail: { provider: code, reason },
    });
    throw new AppError(failureCode[reason]);
  }
  const audit = {
    actor: `agency:${claims.azp}`,
    purpose,
    requestId,
    subject: subjectOf(code, claims.sub),
  };
  const detail = { permitId: claims.jti, task: claims.task };
  const result = await spendPermitAndRead(db, {
    agencyCode: code,
    municipal: isMunicipalKind(tenant.kind),
    fugo: claims.sub,
    jti: claims.jti,
    infoTypes: claims.info,
    provided: {
      ...audit,
      type: 'exchange.provided',
      outcome: 'success',
      detail: { ...detail, infoTypes: claims.info.join(',') },
    },
    rejected: { ...audit, type: 'exchange.rejected', outcome: 'denied', detail },
  });
  if (!result.known) throw new AppError('fugo.unknown');
  if (!result.spent) throw new AppError('exchange.permit_replayed');
  return { provider: code, permitId: claims.jti, records: result.records };
}
