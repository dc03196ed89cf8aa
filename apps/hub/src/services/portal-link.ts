/**
 * The portal's link code after a card login: the portal knows the person only by a verified certificate,
 * so the hub asks the card authority whose it is (municipality and resident id, never a My Number), then
 * that municipality for its link code, and answers the portal's own code for the same person.
 * Pipeline: residentRefOf (jpki) → residentFugo (municipality) → personOfFugo → store + audit.
 */
import { writeAudit } from '@madoguchi/audit';
import { AppError } from '@madoguchi/errors';
import { insertFugos, personOfFugo } from '../data/persons.ts';
import { callAgency } from './agency-client.ts';
import { type AgencyCaller, actorOf, type HubContext } from './context.ts';

interface ResidentRef {
  municipalityCode: string;
  residentId: string;
}

async function residentRefOf(ctx: HubContext, certificate: string): Promise<ResidentRef> {
  const url = new URL('/api/hub/resident-ref', ctx.config.jpkiUrl);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.config.jpkiHubApiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ certificate }),
      signal: AbortSignal.timeout(3000),
    });
  } catch (err) {
    throw new AppError('upstream.unavailable', { cause: err, details: { upstream: 'jpki' } });
  }
  // A certificate the authority did not issue, byte for byte, links nobody.
  if (res.status === 404 || res.status === 400) throw new AppError('certificate.untrusted');
  if (!res.ok)
    throw new AppError('upstream.unavailable', { details: { upstream: 'jpki', upstreamStatus: res.status } });
  return (await res.json()) as ResidentRef;
}

export async function linkPortal(
  ctx: HubContext,
  caller: AgencyCaller,
  certificate: string,
): Promise<{ fugo: string }> {
  const ref = await residentRefOf(ctx, certificate);
  let municipalFugo: string;
  try {
    ({ fugo: municipalFugo } = await callAgency<{ fugo: string }>(
      ctx,
      ref.municipalityCode,
      '/resident-fugo',
      {
        residentId: ref.residentId,
      },
    ));
  } catch (err) {
    // The municipality has not registered this resident with the hub yet.
    if (err instanceof AppError && err.code === 'fugo.unknown') throw new AppError('fugo.not_linked');
    throw err;
  }
  const personId =
    typeof municipalFugo === 'string'
      ? await personOfFugo(ctx.db, ref.municipalityCode, municipalFugo)
      : undefined;
  if (personId === undefined) throw new AppError('fugo.not_linked');
  const fugo = ctx.codes.portalFugoOf(personId);
  await ctx.db.transaction().execute(async (trx) => {
    await insertFugos(trx, [{ agencyCode: caller.code, personId, fugo }]);
    await writeAudit(trx, {
      type: 'fugo.portal_linked',
      actor: actorOf(caller),
      purpose: 'マイナポータルでの本人の情報・やりとり履歴の表示',
      requestId: caller.requestId,
      subject: `person:${personId}`,
      outcome: 'success',
      detail: { municipality: ref.municipalityCode },
    });
  });
  return { fugo };
}
