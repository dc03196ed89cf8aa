import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import { setFugoIfUnset } from '../data/accounts.ts';
import type { PortalDB } from '../data/schema.ts';
import type { HubClient } from './hub-client.ts';

export interface LinkFugoDeps {
  db: Kysely<PortalDB>;
  hub: HubClient;
  warn: (detail: Record<string, unknown>, message: string) => void;
}

/**
 * After a card login of an account without a link code: ask the hub for the person's portal link code
 * (it maps the verified certificate to the resident through jpki and the municipality) and keep it.
 * Only accounts not linked yet pay for the round trips, so repeated logins stay as fast as before. A
 * hub failure never fails the login: the pages that need the link say so and a later login retries.
 */
export async function linkFugoAfterLogin(
  deps: LinkFugoDeps,
  input: { subject: string; certificateDer: Buffer; requestId: string },
): Promise<string | undefined> {
  try {
    const fugo = await deps.hub.linkPortal(input.certificateDer);
    await deps.db.transaction().execute(async (trx) => {
      const stored = await setFugoIfUnset(trx, input.subject, fugo);
      await writeAudit(trx, {
        type: 'fugo.portal_linked',
        actor: `resident:${input.subject}`,
        purpose: '情報連携のための符号の取得 (link code for わたしの情報 and やりとり履歴)',
        requestId: input.requestId,
        subject: `account:${input.subject}`,
        outcome: 'success',
        detail: { stored },
      });
    });
    return fugo;
  } catch (err) {
    deps.warn({ err, requestId: input.requestId }, 'portal link code not obtained from the hub');
    return undefined;
  }
}
