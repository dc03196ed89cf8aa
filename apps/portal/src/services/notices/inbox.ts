/**
 * The person's お知らせ inbox: every read is scoped by their own recipient number (from account.fugo), so
 * another person's notice is not found (404), and each read or change writes its audit row in the same
 * transaction.
 */
import { writeAudit } from '@madoguchi/audit';
import type { Kysely, Transaction } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { findAccount } from '../../data/accounts.ts';
import {
  findAttachment,
  findInboxNotice,
  type InboxFilters,
  inboxAgencies,
  listAttachments,
  listInbox,
  markRead,
  recipientNoOf,
  setArchived,
} from '../../data/notices.ts';
import type { PortalDB } from '../../data/schema.ts';

export const PAGE_SIZE = 20;

export interface Reader {
  subject: string;
  requestId: string;
}

export interface InboxItem {
  id: number;
  agencyCode: string;
  kind: string;
  title: string;
  sentAt: Date;
  readAt: Date | null;
}

export interface InboxPage {
  nickname: string | null;
  items: InboxItem[];
  agencies: string[];
  /** Keyset for the next page, or null. */
  next: number | null;
}

export interface NoticeDetail {
  id: number;
  agencyCode: string;
  kind: string;
  title: string;
  body: string;
  actions: { type: string; label: string; url: string }[];
  sentAt: Date;
  expiresAt: Date | null;
  expired: boolean;
  archived: boolean;
  attachments: { position: number; filename: string; size: number }[];
}

const purpose = '本人によるお知らせの確認 (own notices)';

async function whoIs(trx: Transaction<PortalDB>, subject: string) {
  const account = await findAccount(trx, subject);
  if (!account) throw new AppError('session.expired');
  const recipientNo = account.fugo ? await recipientNoOf(trx, account.fugo) : undefined;
  return { nickname: account.nickname, recipientNo };
}

function audit(
  trx: Transaction<PortalDB>,
  r: Reader,
  type: 'notice.listed' | 'notice.read' | 'notice.archived' | 'notice.attachment_downloaded',
  subject: string,
  detail: Record<string, string | number | boolean> = {},
) {
  return writeAudit(trx, {
    type,
    actor: `resident:${r.subject}`,
    purpose,
    requestId: r.requestId,
    subject,
    outcome: 'success',
    detail,
  });
}

export async function readInbox(db: Kysely<PortalDB>, r: Reader, filters: InboxFilters): Promise<InboxPage> {
  return db.transaction().execute(async (trx) => {
    const { nickname, recipientNo } = await whoIs(trx, r.subject);
    await audit(trx, r, 'notice.listed', `account:${r.subject}`, { archived: filters.archived === true });
    if (recipientNo === undefined) return { nickname, items: [], agencies: [], next: null };
    const rows = await listInbox(trx, recipientNo, filters, PAGE_SIZE + 1);
    const page = rows.slice(0, PAGE_SIZE);
    return {
      nickname,
      items: page.map((n) => ({
        id: n.id,
        agencyCode: n.agency_code,
        kind: n.kind,
        title: n.title,
        sentAt: n.sent_at,
        readAt: n.read_at,
      })),
      agencies: await inboxAgencies(trx, recipientNo),
      next: rows.length > PAGE_SIZE ? (page[page.length - 1]?.id ?? null) : null,
    };
  });
}

/** Opens a notice: marks it read (first time) and audits `notice.read`. */
export async function openNotice(
  db: Kysely<PortalDB>,
  r: Reader,
  noticeId: number,
  now = new Date(),
): Promise<{ nickname: string | null; notice: NoticeDetail }> {
  return db.transaction().execute(async (trx) => {
    const { nickname, recipientNo } = await whoIs(trx, r.subject);
    const n = recipientNo === undefined ? undefined : await findInboxNotice(trx, recipientNo, noticeId);
    if (!n || recipientNo === undefined) throw new AppError('notice.not_found');
    await markRead(trx, recipientNo, noticeId, now);
    await audit(trx, r, 'notice.read', `notice:${noticeId}`);
    return {
      nickname,
      notice: {
        id: n.id,
        agencyCode: n.agency_code,
        kind: n.kind,
        title: n.title,
        body: n.body,
        actions: (Array.isArray(n.actions) ? n.actions : []) as NoticeDetail['actions'],
        sentAt: n.sent_at,
        expiresAt: n.expires_at,
        expired: n.expires_at !== null && n.expires_at <= now,
        archived: n.archived_at !== null,
        attachments: (await listAttachments(trx, noticeId)).map((a) => ({ ...a, size: Number(a.size) })),
      },
    };
  });
}

export async function archiveNotice(
  db: Kysely<PortalDB>,
  r: Reader,
  noticeId: number,
  archived: boolean,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { recipientNo } = await whoIs(trx, r.subject);
    const n = recipientNo === undefined ? undefined : await findInboxNotice(trx, recipientNo, noticeId);
    if (!n || recipientNo === undefined) throw new AppError('notice.not_found');
    await setArchived(trx, recipientNo, noticeId, archived);
    await audit(trx, r, 'notice.archived', `notice:${noticeId}`, { archived });
  });
}

export async function downloadAttachment(
  db: Kysely<PortalDB>,
  r: Reader,
  noticeId: number,
  position: number,
): Promise<{ filename: string; content: Buffer }> {
  return db.transaction().execute(async (trx) => {
    const { recipientNo } = await whoIs(trx, r.subject);
    const n = recipientNo === undefined ? undefined : await findInboxNotice(trx, recipientNo, noticeId);
    const a = n ? await findAttachment(trx, noticeId, position) : undefined;
    if (!a) throw new AppError('notice.not_found');
    await audit(trx, r, 'notice.attachment_downloaded', `notice:${noticeId}`, { position });
    return a;
  });
}
