/**
 * Notice storage (docs/notices.md "Inbox"): content once in `notice`, membership as 16-byte
 * `notice_delivery (recipient_no, notice_id)` rows, state on demand. Every inbox query is scoped by the
 * caller's recipient number, so a notice that is not theirs is simply not found.
 */
import { type Kysely, sql, type Transaction } from '@madoguchi/db';
import type { PortalDB } from './schema.ts';

type Db = Kysely<PortalDB> | Transaction<PortalDB>;

export interface NewNotice {
  agencyCode: string;
  agencyNoticeId: string;
  contentHash: Buffer;
  kind: string;
  title: string;
  body: string;
  actions: unknown[];
  sentAt: Date;
  expiresAt: Date | null;
  attachments: { filename: string; content: Buffer }[];
}

/** Inserts the notice unless one with the same agency id exists; returns the id and stored hash. */
export async function insertNotice(
  db: Db,
  n: NewNotice,
): Promise<{ id: number; hash: Buffer; created: boolean }> {
  const inserted = await db
    .insertInto('notice')
    .values({
      agency_code: n.agencyCode,
      agency_notice_id: n.agencyNoticeId,
      content_hash: n.contentHash,
      kind: n.kind,
      title: n.title,
      body: n.body,
      actions: JSON.stringify(n.actions),
      sent_at: n.sentAt,
      expires_at: n.expiresAt,
    })
    .onConflict((oc) => oc.constraint('notice_agency_notice_uq').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) {
    if (n.attachments.length > 0)
      await db
        .insertInto('notice_attachment')
        .values(n.attachments.map((a, i) => ({ notice_id: inserted.id, position: i, ...a })))
        .execute();
    return { id: inserted.id, hash: n.contentHash, created: true };
  }
  const existing = await findNoticeByAgencyId(db, n.agencyCode, n.agencyNoticeId);
  if (!existing) throw new Error('notice: conflicting insert vanished');
  return { id: existing.id, hash: existing.content_hash, created: false };
}

export function findNoticeByAgencyId(db: Db, agencyCode: string, agencyNoticeId: string) {
  return db
    .selectFrom('notice')
    .select(['id', 'content_hash'])
    .where('agency_code', '=', agencyCode)
    .where('agency_notice_id', '=', agencyNoticeId)
    .executeTakeFirst();
}

/**
 * Adds a batch of recipients as a set: one statement creates missing recipient numbers, one adds the
 * memberships and returns only the newly added numbers. Two statements, not one CTE, so a recipient
 * created by a concurrent batch (committed while we waited on its row) is visible to the second.
 */
export async function addDeliveries(db: Db, noticeId: number, fugos: readonly string[]): Promise<number[]> {
  await sql`insert into notice_recipient (fugo) select distinct f from unnest(${fugos as string[]}::text[]) as t(f)
    order by f on conflict on constraint notice_recipient_fugo_uq do nothing`.execute(db);
  const { rows } = await sql<{ recipient_no: number }>`
    insert into notice_delivery (recipient_no, notice_id)
    select r.recipient_no, ${noticeId}::bigint from notice_recipient r
    where r.fugo = any(${fugos as string[]}::text[])
    order by r.recipient_no
    on conflict on constraint notice_delivery_pk do nothing
    returning recipient_no`.execute(db);
  return rows.map((r) => Number(r.recipient_no));
}

export async function recipientNoOf(db: Db, fugo: string): Promise<number | undefined> {
  const r = await db
    .selectFrom('notice_recipient')
    .select('recipient_no')
    .where('fugo', '=', fugo)
    .executeTakeFirst();
  return r?.recipient_no;
}

export interface InboxFilters {
  kind?: string;
  agency?: string;
  from?: string;
  to?: string;
  unread?: boolean;
  archived?: boolean;
  /** Keyset: notices with a smaller id than this. */
  before?: number;
}

export interface InboxRow {
  id: number;
  agency_code: string;
  kind: string;
  title: string;
  sent_at: Date;
  expires_at: Date | null;
  read_at: Date | null;
  archived_at: Date | null;
}

/** One page of a person's inbox, newest first; expired notices are left out of the list. */
export async function listInbox(
  db: Db,
  recipientNo: number,
  f: InboxFilters,
  limit: number,
  now = new Date(),
): Promise<InboxRow[]> {
  let q = db
    .selectFrom('notice_delivery as d')
    .innerJoin('notice as n', 'n.id', 'd.notice_id')
    .leftJoin('notice_state as s', (j) =>
      j.onRef('s.recipient_no', '=', 'd.recipient_no').onRef('s.notice_id', '=', 'd.notice_id'),
    )
    .select([
      'n.id',
      'n.agency_code',
      'n.kind',
      'n.title',
      'n.sent_at',
      'n.expires_at',
      's.read_at',
      's.archived_at',
    ])
    .where('d.recipient_no', '=', recipientNo)
    .where((eb) => eb.or([eb('n.expires_at', 'is', null), eb('n.expires_at', '>', now)]));
  q = f.archived ? q.where('s.archived_at', 'is not', null) : q.where('s.archived_at', 'is', null);
  if (f.kind) q = q.where('n.kind', '=', f.kind);
  if (f.agency) q = q.where('n.agency_code', '=', f.agency);
  // Period in JST days, on the sending date.
  if (f.from) q = q.where('n.sent_at', '>=', new Date(`${f.from}T00:00:00+09:00`));
  if (f.to)
    q = q.where('n.sent_at', '<', new Date(new Date(`${f.to}T00:00:00+09:00`).getTime() + 86_400_000));
  if (f.unread) q = q.where('s.read_at', 'is', null);
  if (f.before) q = q.where('d.notice_id', '<', f.before);
  return q.orderBy('d.notice_id', 'desc').limit(limit).execute();
}

/** The sender agencies in a person's inbox (for the filter). */
export async function inboxAgencies(db: Db, recipientNo: number): Promise<string[]> {
  const rows = await db
    .selectFrom('notice_delivery as d')
    .innerJoin('notice as n', 'n.id', 'd.notice_id')
    .select('n.agency_code')
    .distinct()
    .where('d.recipient_no', '=', recipientNo)
    .orderBy('n.agency_code')
    .execute();
  return rows.map((r) => r.agency_code);
}

/** One notice of a person's, or undefined when it is not in their inbox. */
export function findInboxNotice(db: Db, recipientNo: number, noticeId: number) {
  return db
    .selectFrom('notice_delivery as d')
    .innerJoin('notice as n', 'n.id', 'd.notice_id')
    .leftJoin('notice_state as s', (j) =>
      j.onRef('s.recipient_no', '=', 'd.recipient_no').onRef('s.notice_id', '=', 'd.notice_id'),
    )
    .select([
      'n.id',
      'n.agency_code',
      'n.kind',
      'n.title',
      'n.body',
      'n.actions',
      'n.sent_at',
      'n.expires_at',
      's.read_at',
      's.archived_at',
    ])
    .where('d.recipient_no', '=', recipientNo)
    .where('d.notice_id', '=', noticeId)
    .executeTakeFirst();
}

export function listAttachments(db: Db, noticeId: number) {
  return db
    .selectFrom('notice_attachment')
    .select(['position', 'filename', sql<number>`length(content)`.as('size')])
    .where('notice_id', '=', noticeId)
    .orderBy('position')
    .execute();
}

export function findAttachment(db: Db, noticeId: number, position: number) {
  return db
    .selectFrom('notice_attachment')
    .select(['filename', 'content'])
    .where('notice_id', '=', noticeId)
    .where('position', '=', position)
    .executeTakeFirst();
}

/** Marks read (first open only keeps its time). */
export async function markRead(
  db: Db,
  recipientNo: number,
  noticeId: number,
  now = new Date(),
): Promise<void> {
  await db
    .insertInto('notice_state')
    .values({ recipient_no: recipientNo, notice_id: noticeId, read_at: now, archived_at: null })
    .onConflict((oc) =>
      oc
        .constraint('notice_state_pk')
        .doUpdateSet({ read_at: sql`coalesce(notice_state.read_at, excluded.read_at)` }),
    )
    .execute();
}

export async function setArchived(
  db: Db,
  recipientNo: number,
  noticeId: number,
  archived: boolean,
  now = new Date(),
): Promise<void> {
  const at = archived ? now : null;
  await db
    .insertInto('notice_state')
    .values({ recipient_no: recipientNo, notice_id: noticeId, read_at: null, archived_at: at })
    .onConflict((oc) => oc.constraint('notice_state_pk').doUpdateSet({ archived_at: at }))
    .execute();
}

/**
 * Unread notices of the person whose session cookie hashes to `sessionHash`: session → account → inbox
 * in one query (the header badge on every page). Archived and expired notices do not count.
 */
export async function unreadCountForSession(db: Db, sessionHash: Buffer, now = new Date()): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n
    from session se
    join account a on a.subject = se.subject
    join notice_recipient r on r.fugo = a.fugo
    join notice_delivery d on d.recipient_no = r.recipient_no
    join notice n on n.id = d.notice_id
    left join notice_state s on s.recipient_no = d.recipient_no and s.notice_id = d.notice_id
    where se.id_hash = ${sessionHash} and se.expires_at > ${now}
      and (n.expires_at is null or n.expires_at > ${now})
      and s.read_at is null and s.archived_at is null`.execute(db);
  return rows[0]?.n ?? 0;
}

export async function alertOffKinds(db: Db, subject: string): Promise<string[]> {
  const rows = await db
    .selectFrom('notice_alert_off')
    .select('kind')
    .where('subject', '=', subject)
    .execute();
  return rows.map((r) => r.kind);
}

export async function replaceAlertOffKinds(db: Db, subject: string, kinds: readonly string[]): Promise<void> {
  await db.deleteFrom('notice_alert_off').where('subject', '=', subject).execute();
  if (kinds.length > 0)
    await db
      .insertInto('notice_alert_off')
      .values(kinds.map((kind) => ({ subject, kind })))
      .execute();
}

export interface AlertTarget {
  subject: string;
  email: string;
}

/**
 * Accounts among the batch's recipients that should get a mail alert for the notice: a confirmed
 * address, the notice's kind not switched off, and not mailed for this notice yet.
 */
export async function alertTargets(
  db: Db,
  noticeId: number,
  recipientNos: readonly number[],
): Promise<AlertTarget[]> {
  const { rows } = await sql<AlertTarget>`
    select a.subject, a.email
    from notice_recipient r
    join account a on a.fugo = r.fugo
    join notice n on n.id = ${noticeId}::bigint
    where r.recipient_no = any(${recipientNos as number[]}::bigint[])
      and a.email is not null and a.email_confirmed_at is not null
      and not exists (select 1 from notice_alert_off o where o.subject = a.subject and o.kind = n.kind)
      and not exists (select 1 from notice_alert_sent x where x.subject = a.subject and x.notice_id = n.id)
    order by a.subject`.execute(db);
  return rows;
}

export async function recordAlertSent(db: Db, subject: string, noticeId: number): Promise<void> {
  await db
    .insertInto('notice_alert_sent')
    .values({ subject, notice_id: noticeId })
    .onConflict((oc) => oc.constraint('notice_alert_sent_pk').doNothing())
    .execute();
}
