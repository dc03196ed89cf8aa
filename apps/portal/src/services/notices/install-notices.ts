/**
 * Everything the notices part adds to the portal app, installed by one call in app.ts: the hub's machine
 * routes, the inbox and settings pages, the header badge and the job worker (started here, stopped on
 * close). Other parts add job handlers through `extraHandlers`.
 */

import type { Database } from '@madoguchi/db';
import { hubNetworkKey } from '@madoguchi/exchange';
import type { HttpApp } from '@madoguchi/http';
import type { JobHandler } from '@madoguchi/jobs';
import type { PortalDB } from '../../data/schema.ts';
import { registerHubNoticeRoutes } from '../../routes/machine/hub-notices.ts';
import { registerNoticeRoutes } from '../../routes/public/notices.ts';
import { registerNotificationSettingsRoutes } from '../../routes/public/notification-settings.ts';
import type { WebSessions } from '../../web/session-cookie.ts';
import { setPortalWorker, startPortalWorker } from '../portal-worker.ts';
import type { AlertMailer } from './mail-alert.ts';
import { installUnreadBadge } from './unread-badge.ts';

export function installNotices(
  app: HttpApp,
  o: {
    database: Database<PortalDB>;
    config: { hubNetworkPublicKey: string; hubUrl: string; publicUrl: string; jobConcurrency: number };
    mailer: AlertMailer;
    web: WebSessions;
    extraHandlers?: Record<string, JobHandler>;
  },
): void {
  const db = o.database.db;
  registerHubNoticeRoutes(app, { db, hubKey: hubNetworkKey(o.config) });
  registerNoticeRoutes(app, db, o.web);
  registerNotificationSettingsRoutes(app, db, o.web);
  installUnreadBadge(app, db, o.web.cookieName);
  const worker = startPortalWorker({
    database: o.database,
    mailer: o.mailer,
    publicUrl: o.config.publicUrl,
    concurrency: o.config.jobConcurrency,
    log: app.log,
    ...(o.extraHandlers ? { extraHandlers: o.extraHandlers } : {}),
  });
  setPortalWorker(app, worker);
  // Runs before the mailer closes (app.ts registers its onClose first... hooks run in order added,
  // so the worker is stopped here and a job in flight finishes before the pool closes).
  app.addHook('onClose', async () => {
    await worker.stop();
  });
}
