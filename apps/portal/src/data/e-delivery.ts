import { type Kysely, sql, type Transaction } from '@madoguchi/db';
import type { EDeliveryStatus } from './e-delivery-schema.ts';
import type { PortalDB } from './schema.ts';

type Db = Kysely<PortalDB> | Transaction<PortalDB>;

// ---- OAuth authorizations in progress (state + PKCE verifier, bound to the browser session) ----

export async function insertAuthorization(
  db: Db,
  row: { stateHash: Buffer; sessionHash: Buffer; subject: string; codeVerifier: string; expiresAt: Date },
): Promise<void> {
  // One authorization in progress per session: starting again forgets the previous one.
  await db.deleteFrom('e_delivery_authorization').where('session_hash', '=', row.sessionHash).execute();
  await db
    .insertInto('e_delivery_authorization')
    .values({
      state_hash: row.stateHash,
      session_hash: row.sessionHash,
      subject: row.subject,
      code_verifier: row.codeVerifier,
      expires_at: row.expiresAt,
    })
    .execute();
}

/** Single use: the row is deleted as it is read; only the session and person that started it match. */
export async function takeAuthorization(
  db: Db,
  stateHash: Buffer,
  sessionHash: Buffer,
  subject: string,
  now: Date,
): Promise<{ codeVerifier: string } | undefined> {
  const row = await db
    .deleteFrom('e_delivery_authorization')
    .where('state_hash', '=', stateHash)
    .where('session_hash', '=', sessionHash)
    .where('subject', '=', subject)
    .returning(['code_verifier', 'expires_at'])
    .executeTakeFirst();
  if (!row || row.expires_at <= now) return undefined;
  return { codeVerifier: row.code_verifier };
}

// ---- Links ----

export interface LinkRow {
  subject: string;
  mailbox_id: string;
  access_token_enc: Buffer;
  kinds: string[];
  linked_at: Date;
}

export async function findEDeliveryLink(db: Db, subject: string): Promise<LinkRow | undefined> {
  return db.selectFrom('e_delivery_link').selectAll().where('subject', '=', subject).executeTakeFirst();
}

export async function upsertLink(
  db: Db,
  row: { subject: string; mailboxId: string; accessTokenEnc: Buffer; kinds: string[] },
): Promise<void> {
  await db
    .insertInto('e_delivery_link')
    .values({
      subject: row.subject,
      mailbox_id: row.mailboxId,
      access_token_enc: row.accessTokenEnc,
      kinds: row.kinds,
    })
    .onConflict((oc) =>
      oc.column('subject').doUpdateSet({
        mailbox_id: row.mailboxId,
        access_token_enc: row.accessTokenEnc,
        linked_at: new Date(),
      }),
    )
    .execute();
}

export async function updateLinkKinds(db: Db, subject: string, kinds: string[]): Promise<boolean> {
  const r = await db
    .updateTable('e_delivery_link')
    .set({ kinds })
    .where('subject', '=', subject)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteLink(db: Db, subject: string): Promise<LinkRow | undefined> {
  return db.deleteFrom('e_delivery_link').where('subject', '=', subject).returningAll().executeTakeFirst();
}

// ---- Webhook deliveries ----

/**
 * The accounts among a batch of recipients that have an e-delivery link wanting this notice's kind.
 * recipient → link code (notice_recipient) → account (account.fugo) → link.
 */
export async function linkedRecipients(
  db: Db,
  noticeId: number,
  recipientNos: number[],
): Promise<{ subject: string; mailbox_id: string }[]> {
  const { rows } = await sql<{ subject: string; mailbox_id: string }>`
    select a.subject, l.mailbox_id
    from notice_recipient r
    join account a on a.fugo = r.fugo
    join e_delivery_link l on l.subject = a.subject
    join notice n on n.id = ${noticeId}
    where r.recipient_no = any(${recipientNos}::bigint[]) and n.kind = any(l.kinds)
    order by a.subject`.execute(db);
  return rows;
}

/** Adds deliveries; a (notice, account) already queued is skipped. Returns the ids of the new ones. */
export async function insertWebhooks(
  db: Db,
  rows: { id: string; subject: string; noticeId: number; mailboxId: string }[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('e_delivery_webhook')
    .values(
      rows.map((r) => ({ id: r.id, subject: r.subject, notice_id: r.noticeId, mailbox_id: r.mailboxId })),
    )
    .onConflict((oc) => oc.constraint('e_delivery_webhook_notice_subject_uq').doNothing())
    .returning('id')
    .execute();
  return inserted.map((r) => r.id);
}

export async function findWebhook(db: Db, id: string) {
  return db.selectFrom('e_delivery_webhook').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markWebhookDelivered(db: Db, id: string, attempts: number): Promise<void> {
  await db
    .updateTable('e_delivery_webhook')
    .set({ status: 'delivered', attempts, last_error: null, delivered_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function markWebhookFailed(
  db: Db,
  id: string,
  attempts: number,
  status: Extract<EDeliveryStatus, 'retrying' | 'dead'>,
  error: string,
): Promise<void> {
  await db
    .updateTable('e_delivery_webhook')
    .set({ status, attempts, last_error: error.slice(0, 100) })
    .where('id', '=', id)
    .where('status', '!=', 'delivered')
    .execute();
}

export interface WebhookStatusRow {
  id: string;
  notice_id: number;
  title: string | null;
  status: EDeliveryStatus;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

/** The person's latest deliveries, newest first, with the notice title. */
export async function latestWebhooks(db: Db, subject: string, limit: number): Promise<WebhookStatusRow[]> {
  const { rows } = await sql<WebhookStatusRow>`
    select w.id, w.notice_id, n.title, w.status, w.attempts, w.last_error, w.created_at, w.delivered_at
    from e_delivery_webhook w left join notice n on n.id = w.notice_id
    where w.subject = ${subject}
    order by w.created_at desc, w.id
    limit ${limit}`.execute(db);
  return rows;
}

/** Counts per status for one notice of one sender agency (no personal data). undefined: no such notice. */
export async function webhookCounts(
  db: Db,
  agencyCode: string,
  agencyNoticeId: string,
): Promise<Record<EDeliveryStatus, number> | undefined> {
  const found = await sql<{ id: number }>`
    select id from notice where agency_code = ${agencyCode} and agency_notice_id = ${agencyNoticeId}::uuid`.execute(
    db,
  );
  const id = found.rows[0]?.id;
  if (id === undefined) return undefined;
  const { rows } = await sql<{ status: EDeliveryStatus; n: number }>`
    select status, count(*)::int as n from e_delivery_webhook where notice_id = ${id}
    group by status`.execute(db);
  const counts: Record<EDeliveryStatus, number> = { pending: 0, delivered: 0, retrying: 0, dead: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

export interface NoticeForWebhook {
  agencyNoticeId: string;
  kind: string;
  title: string;
  body: string;
  sender: string;
  sentAt: string;
  expiresAt: string | null;
  links: { type: string; label: string; url: string }[];
  attachments: string[];
}

/** What a webhook carries: the content, action links and attachment names (never the files). */
export async function noticeForWebhook(db: Db, noticeId: number): Promise<NoticeForWebhook | undefined> {
  const { rows } = await sql<{
    agency_notice_id: string;
    agency_code: string;
    kind: string;
    title: string;
    body: string;
    actions: { type: string; label: string; url: string }[];
    sent_at: Date;
    expires_at: Date | null;
    attachments: string[] | null;
  }>`
    select n.agency_notice_id, n.agency_code, n.kind, n.title, n.body, n.actions, n.sent_at, n.expires_at,
      (select array_agg(a.filename order by a.position) from notice_attachment a where a.notice_id = n.id)
        as attachments
    from notice n where n.id = ${noticeId}`.execute(db);
  const n = rows[0];
  if (!n) return undefined;
  return {
    agencyNoticeId: n.agency_notice_id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    sender: n.agency_code,
    sentAt: n.sent_at.toISOString(),
    expiresAt: n.expires_at?.toISOString() ?? null,
    links: n.actions,
    attachments: n.attachments ?? [],
  };
}
