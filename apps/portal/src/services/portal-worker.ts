/**
 * The portal's job worker (@madoguchi/jobs): started by app.ts, stopped on close. Handlers are keyed by
 * queue; other parts add theirs through `extraHandlers` (e-delivery: `notice.e_delivery`, webhooks).
 */
import type { Database } from '@madoguchi/db';
import { type JobHandler, startWorker, type Worker } from '@madoguchi/jobs';
import type { PortalDB } from '../data/schema.ts';
import { type AlertMailer, mailAlertHandler } from './notices/mail-alert.ts';

export interface PortalWorkerOptions {
  database: Database<PortalDB>;
  mailer: AlertMailer;
  publicUrl: string;
  /** Jobs at once (each holds a database connection while it runs). */
  concurrency?: number;
  extraHandlers?: Record<string, JobHandler>;
  log?: { warn(detail: Record<string, unknown>, msg: string): void };
  /** false: jobs run only on drain() (tests). */
  autoStart?: boolean;
}

export function startPortalWorker(o: PortalWorkerOptions): Worker {
  const db = o.database.db;
  return startWorker({
    db,
    pool: o.database.pool,
    schema: o.database.schema,
    handlers: {
      'notice.mail_alert': mailAlertHandler({ db, mailer: o.mailer, publicUrl: o.publicUrl }),
      ...o.extraHandlers,
    },
    ...(o.concurrency ? { concurrency: o.concurrency } : {}),
    ...(o.log ? { log: o.log } : {}),
    ...(o.autoStart === undefined ? {} : { autoStart: o.autoStart }),
  });
}

const workers = new WeakMap<object, Worker>();

/** Remembers the worker of a built app (tests drain it). */
export function setPortalWorker(app: object, worker: Worker): void {
  workers.set(app, worker);
}

/** The job worker of a built portal app. */
export function portalWorkerOf(app: object): Worker {
  const w = workers.get(app);
  if (!w) throw new Error('portal: no job worker on this app');
  return w;
}
