/**
 * Age-based notices (docs/notices.md): the daily job `notice.schedule` (key `schedule:YYYY-MM-DD`, JST)
 * reads schedules/boshi-hoken.tsv and, for every row whose age trigger a child reached on the day or in
 * the days before (so a missed day is caught up), creates one notice per (municipality, row) addressed
 * to the children's householders. The (row, child) record, the notice, its audit row and its fan-out job
 * commit in one transaction, so a child is notified once per row however often the day is run.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import { enqueue, type Job, type JobHandler } from '@madoguchi/jobs';
import { isNoticeKind, type NoticeKind } from '@madoguchi/reference';
import { deleteNotice, dueMunicipalities, insertScheduleSends } from '../../data/notice-schedule.ts';
import { insertNotice } from '../../data/notices.ts';
import type { AgencyDB } from '../../data/schema.ts';
import { fanoutJob } from './fanout.ts';
import { jstDate } from './send-notices.ts';

export const SCHEDULE_QUEUE = 'notice.schedule';
/** A day the job did not run (server down) is caught up by the next run within this many days. */
export const SCHEDULE_CATCH_UP_DAYS = 7;

export interface ScheduleRow {
  id: string;
  kind: NoticeKind;
  ageMonths: number;
  title: string;
  body: string;
}

/** Parses the schedule file; a bad line fails loudly at boot, not silently at 00:10 some night. */
export function parseSchedule(text: string): ScheduleRow[] {
  const rows: ScheduleRow[] = [];
  const ids = new Set<string>();
  const lines = text.split(/\r?\n/);
  let header = false;
  lines.forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const cells = line.split('\t');
    if (!header) {
      if (cells.join(',') !== 'id,kind,age_months,title,body')
        throw new Error(`schedule line ${i + 1}: bad header`);
      header = true;
      return;
    }
    const [id = '', kind = '', age = '', title = '', body = ''] = cells;
    if (
      cells.length !== 5 ||
      !/^[a-z0-9-]{1,40}$/.test(id) ||
      ids.has(id) ||
      !isNoticeKind(kind) ||
      !/^[0-9]{1,3}$/.test(age) ||
      title === '' ||
      title.length > 120 ||
      body === ''
    )
      throw new Error(
        `schedule line ${i + 1}: expected id, kind, age_months, title, body (unique id, known kind)`,
      );
    ids.add(id);
    rows.push({ id, kind, ageMonths: Number(age), title, body: body.replaceAll('\\n', '\n') });
  });
  return rows;
}

let loaded: ScheduleRow[] | undefined;
export function boshiHokenSchedule(): ScheduleRow[] {
  loaded ??= parseSchedule(
    readFileSync(new URL('../../../schedules/boshi-hoken.tsv', import.meta.url), 'utf8'),
  );
  return loaded;
}

export interface ScheduleRunResult {
  date: string;
  notices: number;
  children: number;
}

/**
 * Runs the schedule for one JST day inside the caller's transaction (the job's, or the dev endpoint's).
 */
export async function runSchedule(
  trx: Kysely<AgencyDB>,
  date: string,
  rows: readonly ScheduleRow[],
  actor: string,
  requestId: string,
): Promise<ScheduleRunResult> {
  let notices = 0;
  let children = 0;
  for (const row of rows) {
    for (const municipality of await dueMunicipalities(
      trx,
      row.ageMonths,
      date,
      SCHEDULE_CATCH_UP_DAYS,
      row.id,
    )) {
      const id = randomUUID();
      await insertNotice(trx, {
        id,
        agencyCode: municipality,
        kind: row.kind,
        title: row.title,
        body: row.body,
        actions: [],
        audience: { type: 'schedule', row: row.id, date },
        audienceAsOf: date,
        expiresAt: null,
        createdBy: actor,
        attachments: [],
      });
      const added = await insertScheduleSends(trx, {
        noticeId: id,
        municipality,
        row: row.id,
        ageMonths: row.ageMonths,
        date,
        days: SCHEDULE_CATCH_UP_DAYS,
      });
      // Another run of the same day got there first: nothing left for this notice.
      if (added === 0) {
        await deleteNotice(trx, id);
        continue;
      }
      notices++;
      children += added;
      await writeAudit(trx, {
        type: 'notice.created',
        actor,
        onBehalfOf: `agency:${municipality}`,
        purpose: '乳幼児健診・定期予防接種のお知らせ (母子保健法, 予防接種法)',
        requestId,
        subject: `notice:${id}`,
        outcome: 'success',
        detail: { notice: id, kind: row.kind, audience: 'schedule', row: row.id, children: added },
      });
      await enqueue(trx, fanoutJob(id, 0));
    }
  }
  await writeAudit(trx, {
    type: 'notice.scheduled',
    actor,
    purpose: '乳幼児健診・定期予防接種のお知らせ (母子保健法, 予防接種法)',
    requestId,
    outcome: 'success',
    detail: { date, rows: rows.length, notices, children },
  });
  return { date, notices, children };
}

export function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The job of one JST day: runs at 00:10 JST (15:10 UTC the day before). */
export function scheduleJob(date: string, runAt?: Date) {
  return {
    queue: SCHEDULE_QUEUE,
    payload: { date },
    key: `schedule:${date}`,
    runAt: runAt ?? new Date(Date.parse(`${date}T00:10:00+09:00`)),
    maxAttempts: 20,
  };
}

export function scheduleHandler(rows: () => readonly ScheduleRow[] = boshiHokenSchedule): JobHandler {
  return async (job: Job, trx) => {
    const { date } = job.payload as { date: string };
    await runSchedule(trx as Kysely<AgencyDB>, date, rows(), `system:${SCHEDULE_QUEUE}`, `job:${job.id}`);
    await enqueue(trx, scheduleJob(nextDay(date)));
  };
}

/** At boot: today's run (a no-op if it ran already) and tomorrow's. */
export async function enqueueScheduleAtBoot(db: Kysely<AgencyDB>, now = new Date()): Promise<void> {
  const today = jstDate(now);
  await enqueue(db, [scheduleJob(today, now), scheduleJob(nextDay(today))]);
}
