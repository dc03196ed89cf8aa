import { randomUUID } from 'node:crypto';
import { writeAudit } from '@madoguchi/audit';
import type { Kysely, Transaction } from '@madoguchi/db';
import { signRequest } from '@madoguchi/http-signatures';
import { enqueue, type Job, type JobHandler } from '@madoguchi/jobs';
import {
  findWebhook,
  insertWebhooks,
  linkedRecipients,
  markWebhookDelivered,
  markWebhookFailed,
  noticeForWebhook,
} from '../../data/e-delivery.ts';
import type { PortalDB } from '../../data/schema.ts';
import { agencyName } from '../../pages/exchange-names.ts';
import type { EDeliveryKeys } from './keys.ts';

export interface WebhookDeps {
  db: Kysely<PortalDB>;
  keys: EDeliveryKeys;
  eDeliveryUrl: string;
  /** Per request; a slow receiver counts as a failed attempt (and is retried). */
  timeoutMs?: number;
}

/** docs/notices.md: 2 s × 2ⁿ backoff (the worker's default), dead after 8 attempts. */
export const webhookMaxAttempts = 8;

const asId = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && /^[0-9]{1,15}$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

/** The payload H2's inbox enqueues: ids as numbers or digit strings (bigint columns). */
function parsePayload(p: unknown): { noticeId: number; recipientNos: number[] } {
  const { noticeId, recipientNos } = (typeof p === 'object' && p !== null ? p : {}) as Record<
    string,
    unknown
  >;
  const id = asId(noticeId);
  const nos = Array.isArray(recipientNos) ? recipientNos.map(asId) : [];
  if (id === undefined || !Array.isArray(recipientNos) || nos.some((n) => n === undefined))
    throw new Error('notice.e_delivery: malformed payload');
  return { noticeId: id, recipientNos: nos as number[] };
}

/**
 * `notice.e_delivery`: for the batch's recipients whose account links a mailbox that wants this kind,
 * one delivery row and one `e_delivery.webhook` job each, in the job's transaction (a repeated batch
 * adds nothing: the row is unique per (notice, account) and the job key is the row id).
 */
export async function fanOutToEDelivery(job: Job, trx: Transaction<PortalDB>): Promise<void> {
  const { noticeId, recipientNos } = parsePayload(job.payload);
  const targets = await linkedRecipients(trx, noticeId, recipientNos);
  const ids = await insertWebhooks(
    trx,
    targets.map((t) => ({ id: randomUUID(), subject: t.subject, noticeId, mailboxId: t.mailbox_id })),
  );
  if (ids.length === 0) return;
  await enqueue(
    trx,
    ids.map((id) => ({
      queue: 'e_delivery.webhook',
      key: id,
      payload: { deliveryId: id },
      maxAttempts: webhookMaxAttempts,
    })),
  );
  await writeAudit(trx, {
    type: 'e_delivery.queued',
    actor: 'system:notice.e_delivery',
    purpose: '民間送達サービスへのお知らせ送達 (notice delivery the person chose)',
    requestId: `job:${job.id}`,
    outcome: 'success',
    detail: { noticeId, recipients: recipientNos.length, queued: ids.length },
  });
}

/** A short, safe code for what went wrong (shown to the person; never the receiver's text). */
function failureCode(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'timeout';
  return 'unreachable';
}

/**
 * `e_delivery.webhook`: POSTs one notice to the person's mailbox, signed (RFC 9421, ed25519) with the
 * delivery id as Idempotency-Key. 2xx marks it delivered in the job's transaction; anything else is
 * recorded in its own statement (the job's transaction rolls back on the throw) and retried.
 */
export function createWebhookSender(deps: WebhookDeps): JobHandler {
  const url = new URL('/webhooks/madoguchi', deps.eDeliveryUrl).toString();
  return async (job, trx: Transaction<PortalDB>) => {
    const deliveryId = (job.payload as { deliveryId?: unknown }).deliveryId;
    if (typeof deliveryId !== 'string') throw new Error('e_delivery.webhook: malformed payload');
    const delivery = await findWebhook(trx, deliveryId);
    // Unlinked and deleted accounts take their deliveries with them; a delivered one is not sent again.
    if (!delivery || delivery.status === 'delivered') return;
    const notice = await noticeForWebhook(trx, delivery.notice_id);
    if (!notice) return;
    const body = JSON.stringify({
      deliveryId,
      mailboxId: delivery.mailbox_id,
      notice: { ...notice, senderName: agencyName(notice.sender, 'ja') },
    });
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'idempotency-key': deliveryId,
    };
    Object.assign(
      headers,
      signRequest({
        method: 'POST',
        url,
        headers,
        body,
        keyId: deps.keys.kid,
        privateKey: deps.keys.signingKey,
      }),
    );
    let error: string | undefined;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(deps.timeoutMs ?? 5000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status < 200 || res.status > 299) error = `http_${res.status}`;
    } catch (err) {
      error = failureCode(err);
    }
    if (error === undefined) {
      await markWebhookDelivered(trx, deliveryId, job.attempt);
      await writeAudit(trx, {
        type: 'e_delivery.sent',
        actor: 'system:e_delivery.webhook',
        purpose: '民間送達サービスへのお知らせ送達 (notice delivery the person chose)',
        requestId: `job:${job.id}`,
        subject: `account:${delivery.subject}`,
        outcome: 'success',
        detail: { deliveryId, noticeId: delivery.notice_id, attempt: job.attempt },
      });
      return;
    }
    const dead = job.attempt >= job.maxAttempts;
    await markWebhookFailed(deps.db, deliveryId, job.attempt, dead ? 'dead' : 'retrying', error);
    throw new Error(`e-delivery webhook ${deliveryId} failed: ${error}`);
  };
}

/** The portal worker's handlers for private e-delivery. */
export function eDeliveryJobHandlers(deps: WebhookDeps): Record<string, JobHandler> {
  return {
    'notice.e_delivery': fanOutToEDelivery as JobHandler,
    'e_delivery.webhook': createWebhookSender(deps),
  };
}
