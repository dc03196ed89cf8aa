/**
 * Addressing of お知らせ (docs/notices.md "Addressing"): an agency knows its residents only by its own link
 * codes, the portal only by its own. The hub translates a batch in one query and forwards it to the
 * portal signed with the network key (agency header `hub`); it stores nothing but the audit row.
 * Pipeline: personsOfFugos (one query) → portalFugoOf (HMAC, no lookup) → forward → audit.
 */
import { writeAudit } from '@madoguchi/audit';
import { type Kysely, sql } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { signedFetch } from '@madoguchi/exchange';
import type { HubDB } from '../../data/schema.ts';
import { type AgencyCaller, actorOf, type HubContext } from '../context.ts';
import { HUB_AGENCY_CODE } from '../network-key.ts';

/** The most link codes one recipients call may carry (also the route schema's maxItems). */
export const MAX_RECIPIENTS_PER_BATCH = 10_000;

/** The portal's agency code in the registry; its enrolled endpoint is the portal's base URL. */
export const PORTAL_AGENCY_CODE = 'portal';

/** Agency link code → person id for the codes the hub knows, in one statement. */
async function personsOfFugos(
  db: Kysely<HubDB>,
  agencyCode: string,
  fugos: readonly string[],
): Promise<Map<string, string>> {
  const { rows } = await sql<{ fugo: string; person_id: string }>`
    select f.fugo, f.person_id from fugo f
    where f.agency_code = ${agencyCode} and f.fugo = any(${fugos as string[]}::text[])`.execute(db);
  return new Map(rows.map((r) => [r.fugo, r.person_id]));
}

async function portalEndpoint(ctx: HubContext): Promise<string> {
  const enrolled = (await ctx.registry.enrolled()).get(PORTAL_AGENCY_CODE);
  if (enrolled?.endpointUrl == null)
    throw new AppError('exchange.provider_unavailable', {
      details: { provider: PORTAL_AGENCY_CODE, reason: 'not_enrolled' },
    });
  return enrolled.endpointUrl;
}

function forward<T>(ctx: HubContext, baseUrl: string, method: 'PUT' | 'POST', path: string, body: unknown) {
  return signedFetch<T>({
    baseUrl,
    path,
    method,
    body,
    agency: HUB_AGENCY_CODE,
    key: ctx.network.privateKey,
    timeoutMs: 15_000,
    // The agency's fan-out job retries on 503: the portal being down loses nothing.
    unreachableCode: 'exchange.provider_unavailable',
  });
}

const noticePath = (agencyCode: string, noticeId: string) =>
  `/api/hub/notices/${encodeURIComponent(agencyCode)}/${encodeURIComponent(noticeId)}`;

/** Forwards a notice's content unchanged; the portal answers 200 (stored or same) or 409 (other content). */
export async function putNotice(
  ctx: HubContext,
  caller: AgencyCaller,
  noticeId: string,
  content: unknown,
): Promise<{ id: string; created: boolean }> {
  const base = await portalEndpoint(ctx);
  return forward(ctx, base, 'PUT', noticePath(caller.code, noticeId), content);
}

export interface AddressResult {
  delivered: number;
  unknown: string[];
}

/** Translates a batch of the agency's link codes and adds the known ones to the notice at the portal. */
export async function addressRecipients(
  ctx: HubContext,
  caller: AgencyCaller,
  noticeId: string,
  recipients: readonly string[],
): Promise<AddressResult> {
  const distinct = [...new Set(recipients)];
  const audit = (outcome: 'success' | 'failure', persons: number, unknown: number) => ({
    type: 'notice.addressed' as const,
    actor: actorOf(caller),
    purpose: 'お知らせの宛先変換 (notice addressing)',
    requestId: caller.requestId,
    subject: `notice:${caller.code}:${noticeId}`,
    outcome,
    detail: { received: recipients.length, delivered: persons, unknown },
  });
  // The read of link codes and its audit row commit together; the forward happens after.
  const { persons, unknown } = await ctx.db.transaction().execute(async (trx) => {
    const persons = await personsOfFugos(trx, caller.code, distinct);
    const unknown = distinct.filter((f) => !persons.has(f));
    await writeAudit(trx, audit('success', persons.size, unknown.length));
    return { persons, unknown };
  });
  const portalFugos = [...new Set([...persons.values()].map((p) => ctx.codes.portalFugoOf(p)))];
  if (portalFugos.length > 0) {
    try {
      const base = await portalEndpoint(ctx);
      await forward(ctx, base, 'POST', `${noticePath(caller.code, noticeId)}/recipients`, {
        recipients: portalFugos,
      });
    } catch (err) {
      await writeAudit(ctx.db, audit('failure', persons.size, unknown.length)).catch(() => {});
      throw err;
    }
  }
  return { delivered: persons.size, unknown };
}
