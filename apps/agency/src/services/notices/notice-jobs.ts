/**
 * The agency's job worker (packages/jobs): notice fan-out steps and the daily age schedule. Started with
 * the app unless AGENCY_JOB_WORKER=off (tests drive the handlers themselves), stopped on close.
 */
import type { Database } from '@madoguchi/db';
import { type JobHandler, startWorker, type Worker } from '@madoguchi/jobs';
import type { AgencyConfig } from '../../config.ts';
import type { AgencyDB } from '../../data/schema.ts';
import type { ExchangeKeys } from '../exchange/keys.ts';
import { FANOUT_QUEUE, fanoutHandler, type HubNotices, hubNotices } from './fanout.ts';
import { enqueueScheduleAtBoot, SCHEDULE_QUEUE, scheduleHandler } from './schedule.ts';

export function noticeJobHandlers(hub: HubNotices): Record<string, JobHandler> {
  return { [FANOUT_QUEUE]: fanoutHandler(hub), [SCHEDULE_QUEUE]: scheduleHandler() };
}

export function jobWorkerEnabled(config: AgencyConfig): boolean {
  return config.jobWorker === 'on' || (config.jobWorker === 'auto' && config.mode !== 'test');
}

export async function startNoticeJobs(
  database: Database<AgencyDB>,
  config: AgencyConfig,
  keys: ExchangeKeys,
  log?: { warn(detail: Record<string, unknown>, msg: string): void },
): Promise<Worker | undefined> {
  if (!jobWorkerEnabled(config)) return undefined;
  await enqueueScheduleAtBoot(database.db);
  return startWorker({
    db: database.db,
    pool: database.pool,
    schema: database.schema,
    handlers: noticeJobHandlers(hubNotices(config, keys)),
    ...(log ? { log } : {}),
  });
}
