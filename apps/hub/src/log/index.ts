/**
 * The exchange log (情報提供等記録): routes plus the sequencer, installed into the hub app.
 *
 * For app.ts (hub core), after the routes that need `requireAgency` exist:
 *
 *   import { installExchangeLog } from './log/index.ts';
 *   import { requireAgency } from './routes/agency-auth.ts';
 *   const exchangeLog = installExchangeLog(app, { db: ctx.database.db, config, requireAgency });
 *
 * and, in the permit decision, write the entries with `appendPending(trx, entries)` (./log/append-pending.ts)
 * inside the decision transaction, then call `exchangeLog.wake()` right after that transaction commits.
 * The sequencer stops by itself on app.close() (onClose hook). `flush()` waits until nothing is pending
 * (tests, demo scripts that print a new entry's index).
 * If requireAgency needs more than (req, allowedKinds), wrap it: `(req, kinds) => requireAgency(req, kinds, …)`.
 */
import type { Kysely } from '@madoguchi/db';
import type { HttpApp } from '@madoguchi/http';
import type { HubConfig } from '../config.ts';
import type { HubDB } from '../data/schema.ts';
import { logKeyFrom } from './log-key.ts';
import { type RequireAgency, registerPersonLogRoutes } from './person-routes.ts';
import { registerPublicLogRoutes } from './routes.ts';
import { LogSequencer } from './sequencer.ts';
import { registerSupervisorLogRoutes } from './supervisor-routes.ts';

export { appendPending } from './append-pending.ts';
export type { LogKey } from './log-key.ts';
export { logKeyFrom } from './log-key.ts';
export type { RequireAgency } from './person-routes.ts';

export interface ExchangeLog {
  /** Ask the sequencer for a batch soon (debounced): call after each decision commits. */
  wake(): void;
  /** Sequence everything pending now. */
  flush(): Promise<void>;
  /** Stops the sequencer (also done on app close). */
  close(): Promise<void>;
  /** The C2SP verifier key served at /log/key. */
  vkey: string;
}

export interface ExchangeLogOptions {
  db: Kysely<HubDB>;
  config: Pick<HubConfig, 'logSecret' | 'logOrigin' | 'supervisorToken'>;
  requireAgency: RequireAgency;
  /** Sequencer tuning (tests use small batches). */
  batchSize?: number;
  idleMs?: number;
}

export function installExchangeLog(app: HttpApp, options: ExchangeLogOptions): ExchangeLog {
  const { db, config } = options;
  const key = logKeyFrom(config.logSecret, config.logOrigin);
  const publicRoutes = registerPublicLogRoutes(app, db, key);
  registerPersonLogRoutes(app, { db, key }, options.requireAgency);
  registerSupervisorLogRoutes(app, { db, key }, config.supervisorToken);
  const sequencer = new LogSequencer({
    db,
    key,
    ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
    ...(options.idleMs !== undefined ? { idleMs: options.idleMs } : {}),
    onError: (err) => app.log.error({ err }, 'exchange-log sequencer batch failed; retrying'),
    onBatch: () => publicRoutes.checkpointChanged(),
  });
  sequencer.start();
  app.addHook('onClose', async () => {
    await sequencer.stop();
  });
  return {
    wake: () => sequencer.wake(),
    flush: () => sequencer.flush(),
    close: () => sequencer.stop(),
    vkey: key.vkey,
  };
}
