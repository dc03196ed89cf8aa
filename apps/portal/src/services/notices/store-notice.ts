/**
 * Receiving notices from the hub (docs/notices.md "Inbox"). Content is idempotent by hash: the same id
 * with the same content is a no-op, with other content a 409. Recipients are a set; the transaction that
 * adds a batch also enqueues that batch's mail alerts and e-delivery jobs, only for newly added people.
 */
import { createHash } from 'node:crypto';
import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import type { NoticeContent as NoticeContentSchema } from '@madoguchi/exchange';
import type { Static } from '@madoguchi/http';
import { enqueue } from '@madoguchi/jobs';
import { addDeliveries, findNoticeByAgencyId, insertNotice } from '../../data/notices.ts';
import type { PortalDB } from '../../data/schema.ts';

/** The content as the hub forwards it (validated by the route against the same schema). */
export type NoticeContent = Static<typeof NoticeContentSchema>;

export interface HubCall {
  agencyCode: string;
  noticeId: string;
  requestId: string;
}

/** Recipients per alert / e-delivery job: a job stays well within its lease. */
export const JOB_CHUNK = 1000;

const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

function decodeAttachments(content: NoticeContent) {
  return (content.attachments ?? []).map((a, i) => {
    const bytes = Buffer.from(a.contentBase64, 'base64');
    if (bytes.length > MAX_ATTACHMENT_BYTES || bytes.subarray(0, 5).toString('latin1') !== '%PDF-')
      throw new AppError('request.invalid', { details: { path: `/attachments/${i}/contentBase64` } });
    return { filename: a.filename, content: bytes };
  });
}

/** SHA-256 over a fixed-order rendering of the content (attachments by their own hashes). */
function contentHash(c: NoticeContent, attachments: { filename: string; content: Buffer }[]): Buffer {
  const canonical = JSON.stringify([
    c.kind,
    c.title,
    c.body,
    attachments.map((a) => [a.filename, createHash('sha256').update(a.content).digest('hex')]),
    (c.actions ?? []).map((a) => [a.type, a.label, a.url]),
    new Date(c.sentAt).toISOString(),
    c.expiresAt ? new Date(c.expiresAt).toISOString() : null,
  ]);
  return createHash('sha256').update(canonical).digest();
}

const actor = (call: HubCall) => `agency:${call.agencyCode}`;
const purpose = 'お知らせの受付 (receiving notices for the person’s inbox)';

export async function storeNotice(
  db: Kysely<PortalDB>,
  call: HubCall,
  content: NoticeContent,
): Promise<{ id: string; created: boolean }> {
  const attachments = decodeAttachments(content);
  const hash = contentHash(content, attachments);
  return db.transaction().execute(async (trx) => {
    const got = await insertNotice(trx, {
      agencyCode: call.agencyCode,
      agencyNoticeId: call.noticeId,
      contentHash: hash,
      kind: content.kind,
      title: content.title,
      body: content.body,
      actions: content.actions ?? [],
      sentAt: new Date(content.sentAt),
      expiresAt: content.expiresAt ? new Date(content.expiresAt) : null,
      attachments,
    });
    if (!got.hash.equals(hash)) throw new AppError('notice.conflict');
    if (got.created)
      await writeAudit(trx, {
        type: 'notice.stored',
        actor: actor(call),
        purpose,
        requestId: call.requestId,
        subject: `notice:${got.id}`,
        outcome: 'success',
        detail: { agencyNoticeId: call.noticeId, attachments: attachments.length },
      });
    return { id: String(got.id), created: got.created };
  });
}

export async function addRecipients(
  db: Kysely<PortalDB>,
  call: HubCall,
  fugos: readonly string[],
): Promise<{ noticeId: string; added: number }> {
  return db.transaction().execute(async (trx) => {
    const notice = await findNoticeByAgencyId(trx, call.agencyCode, call.noticeId);
    if (!notice) throw new AppError('notice.not_found');
    const added = await addDeliveries(trx, notice.id, fugos);
    const jobs = [];
    for (let i = 0; i < added.length; i += JOB_CHUNK) {
      const payload = { noticeId: notice.id, recipientNos: added.slice(i, i + JOB_CHUNK) };
      jobs.push({ queue: 'notice.mail_alert', payload }, { queue: 'notice.e_delivery', payload });
    }
    await enqueue(trx, jobs);
    await writeAudit(trx, {
      type: 'notice.recipients_added',
      actor: actor(call),
      purpose,
      requestId: call.requestId,
      subject: `notice:${notice.id}`,
      outcome: 'success',
      detail: { received: fugos.length, added: added.length },
    });
    return { noticeId: String(notice.id), added: added.length };
  });
}
