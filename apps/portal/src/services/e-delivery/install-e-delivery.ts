/**
 * Everything private e-delivery adds to the portal, installed by one call in app.ts: the JWKS, the
 * link pages, 控除証明書, the staff delivery counts, and the job handlers for the portal worker.
 */
import type { Kysely } from '@madoguchi/db';
import type { HttpApp } from '@madoguchi/http';
import type { JobHandler } from '@madoguchi/jobs';
import type { PortalDB } from '../../data/schema.ts';
import { registerNoticeDeliveryRoutes } from '../../routes/machine/notice-deliveries.ts';
import { registerDeductionRoutes } from '../../routes/public/deductions.ts';
import { registerEDeliveryRoutes } from '../../routes/public/e-delivery.ts';
import { registerWebhookKeysRoute } from '../../routes/public/webhook-keys.ts';
import type { WebSessions } from '../../web/session-cookie.ts';
import { createIssuerAnchor } from '../deductions/trust-anchor.ts';
import { deriveEDeliveryKeys } from './keys.ts';
import { eDeliveryJobHandlers } from './webhooks.ts';

export interface EDeliveryConfig {
  eDeliveryUrl: string;
  eDeliveryClientId: string;
  eDeliveryClientSecret: string;
  webhookSecret: string;
  eDeliveryIssuerCa: string;
  publicUrl: string;
  machineToken: string;
}

export function installEDelivery(
  app: HttpApp,
  o: { db: Kysely<PortalDB>; config: EDeliveryConfig; web: WebSessions },
): { jobHandlers: Record<string, JobHandler> } {
  const { db, config } = o;
  const keys = deriveEDeliveryKeys(config.webhookSecret);
  registerWebhookKeysRoute(app, keys);
  registerEDeliveryRoutes(
    app,
    {
      db,
      keys,
      eDeliveryUrl: config.eDeliveryUrl,
      clientId: config.eDeliveryClientId,
      clientSecret: config.eDeliveryClientSecret,
      publicUrl: config.publicUrl,
    },
    o.web,
  );
  registerDeductionRoutes(
    app,
    {
      db,
      keys,
      eDeliveryUrl: config.eDeliveryUrl,
      issuerAnchor: createIssuerAnchor({
        pemFile: config.eDeliveryIssuerCa,
        eDeliveryUrl: config.eDeliveryUrl,
      }),
    },
    o.web,
  );
  registerNoticeDeliveryRoutes(app, db, config.machineToken);
  return { jobHandlers: eDeliveryJobHandlers({ db, keys, eDeliveryUrl: config.eDeliveryUrl }) };
}
