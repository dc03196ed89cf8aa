import { type Kysely, sql } from '@madoguchi/db';
import type { AgencyDB, NoticeTable } from './schema.ts';

type Db = Kysely<AgencyDB>;

export interface NewNotice {
  id: string;
  agencyCode: string;
  kind: string;
  title: string;
  body: string;
  actions: unknown[];
  audience: unknown;
  audienceAsOf: string;
  expiresAt: Date | null;
  createdBy: string;
  attachments: { filename: string; content: Buffer; sha256: string }[];
}

export async function insertNotice(db: Db, n: NewNotice): Promise<void> {
  await db
    .insertInto('notice')
    .values({
      id: n.id,
      agency_code: n.agencyCode,
      kind: n.kind,
      title: n.title,
      body: n.body,
      actions: JSON.stringify(n.actions),
      audience: JSON.stringify(n.audience),
      audience_as_of: n.audienceAsOf,
      expires_at: n.expiresAt,
      cursor_fugo: null,
      recipients_total: null,
      created_by: n.createdBy,
      sent_at: null,
    })
    .execute();
  if (n.attachments.length > 0)
    await db
      .insertInto('notice_attachment')
      .values(
        n.attachments.map((a, i) => ({
          notice_id: n.id,
          no: i + 1,
          filename: a.filename,
          content_type: 'application/pdf',
          size: a.content.length,
          sha256: a.sha256,
          content: a.content,
        })),
      )
      .execute();
}

export type NoticeRow = Omit<
  NoticeTable,
  'status' | 'steps' | 'delivered' | 'unknown_count' | 'created_at'
> & {
  status: 'queued' | 'sending' | 'sent' | 'failed';
  steps: number;
  delivered: number;
  unknown_count: number;
  created_at: Date;
};

/** One notice of a tenant; `lock` takes the row for a fan-out step (one step at a time per notice). */
export async function findNotice(db: Db, agencyCode: string, id: string, lock = false) {
  let q = db.selectFrom('notice').selectAll().where('agency_code', '=', agencyCode).where('id', '=', id);
  if (lock) q = q.forUpdate();
  return (await q.executeTakeFirst()) as NoticeRow | undefined;
}

export async function findNoticeById(db: Db, id: string, lock = false) {
  let q = db.selectFrom('notice').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return (await q.executeTakeFirst()) as NoticeRow | undefined;
}

export async function listNotices(db: Db, agencyCode: string, limit: number, offset: number) {
  return (await db
    .selectFrom('notice')
    .selectAll()
    .where('agency_code', '=', agencyCode)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute()) as NoticeRow[];
}

export async function attachmentsOf(db: Db, noticeId: string) {
  return db
    .selectFrom('notice_attachment')
    .select(['no', 'filename', 'content_type', 'size', 'sha256', 'content'])
    .where('notice_id', '=', noticeId)
    .orderBy('no')
    .execute();
}

export async function unknownRecipients(db: Db, noticeId: string, limit = 1000) {
  const rows = await db
    .selectFrom('notice_unknown_recipient')
    .select('fugo')
    .where('notice_id', '=', noticeId)
    .orderBy('fugo')
    .limit(limit)
    .execute();
  return rows.map((r) => r.fugo);
}

/** The bookkeeping of one committed fan-out step (in the step's transaction). */
export async function recordStep(
  db: Db,
  id: string,
  s: { cursor: string | null; delivered: number; unknown: string[]; total: number | null; done: boolean },
): Promise<void> {
  let added = 0;
  if (s.unknown.length > 0) {
    const r = await sql`insert into notice_unknown_recipient (notice_id, fugo)
      select ${id}::uuid, f from unnest(${s.unknown}::text[]) f on conflict do nothing`.execute(db);
    added = Number(r.numAffectedRows ?? 0);
  }
  await sql`update notice set steps = steps + 1, cursor_fugo = coalesce(${s.cursor}, cursor_fugo),
      delivered = delivered + ${s.delivered}, unknown_count = unknown_count + ${added},
      recipients_total = coalesce(${s.total}::int, recipients_total),
      status = case when ${s.done} then 'sent' else 'sending' end,
      sent_at = case when ${s.done} then now() else sent_at end
    where id = ${id}`.execute(db);
}

/** True when the notice's fan-out job gave up (dead), so staff see "failed" rather than "sending". */
export async function fanoutDead(db: Db, id: string): Promise<boolean> {
  const { rows } = await sql<{ dead: boolean }>`select exists (select 1 from job where queue = 'notice.fanout'
    and payload->>'noticeId' = ${id} and state = 'dead') as dead`.execute(db);
  return rows[0]?.dead ?? false;
}
