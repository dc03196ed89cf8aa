/**
 * The fan-out job (`notice.fanout`, docs/notices.md "Sending"): one job = one step. Step 0 first PUTs the
 * content to the hub (idempotent there); every step takes the next 5,000 recipients after the cursor in
 * link-code order, POSTs them to the hub, and in the job's own transaction stores the cursor, the
 * delivered and unknown counts, and enqueues the next step. A crash after the hub answered but before the
 * commit repeats that one step with the same recipients (the portal keeps recipients as a set); a crash
 * anywhere else repeats nothing. The hub down → the step throws and the job backs off and retries.
 */
import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import type { NoticeContent as NoticeContentSchema } from '@madoguchi/exchange';
import { signedFetch } from '@madoguchi/exchange';
import type { Static } from '@madoguchi/http';
import { enqueue, type Job, type JobHandler } from '@madoguchi/jobs';
import type { NoticeKind } from '@madoguchi/reference';
import type { AgencyConfig } from '../../config.ts';
import { findTenant, isMunicipalKind } from '../../data/exchange.ts';
import { countRecipients, type RecipientSource, recipientsPage } from '../../data/notice-recipients.ts';
import { attachmentsOf, findNoticeById, type NoticeRow, recordStep } from '../../data/notices.ts';
import type { AgencyDB } from '../../data/schema.ts';
import type { ExchangeKeys } from '../exchange/keys.ts';
import type { NoticeAction } from './notice-input.ts';
import type { SegmentRule } from './segment-rule.ts';

export const FANOUT_QUEUE = 'notice.fanout';
export const FANOUT_STEP_SIZE = 5000;

/** What the hub receives in `PUT /api/notices/{id}` (forwarded as is to the portal). */
export type NoticeContent = Static<typeof NoticeContentSchema>;

export interface HubNotices {
  putNotice(agency: string, noticeId: string, content: NoticeContent): Promise<void>;
  addRecipients(
    agency: string,
    noticeId: string,
    recipients: string[],
  ): Promise<{ delivered: number; unknown: string[] }>;
}

/** The hub's notice API, signed as the sending agency (docs/exchange.md signed requests). */
export function hubNotices(config: AgencyConfig, keys: ExchangeKeys): HubNotices {
  const call = <T>(agency: string, method: 'PUT' | 'POST', path: string, body: unknown) =>
    signedFetch<T>({
      baseUrl: config.hubUrl,
      path,
      method,
      body,
      agency,
      key: keys.agencyKey(agency).privateKey,
      timeoutMs: 30_000,
    });
  return {
    async putNotice(agency, id, content) {
      await call(agency, 'PUT', `/api/notices/${encodeURIComponent(id)}`, content);
    },
    async addRecipients(agency, id, recipients) {
      const answer = await call<{ delivered?: unknown; unknown?: unknown }>(
        agency,
        'POST',
        `/api/notices/${encodeURIComponent(id)}/recipients`,
        { recipients },
      );
      const sent = new Set(recipients);
      const unknown = Array.isArray(answer.unknown)
        ? answer.unknown.filter((f): f is string => typeof f === 'string' && sent.has(f))
        : [];
      const delivered =
        typeof answer.delivered === 'number' && Number.isInteger(answer.delivered)
          ? Math.max(0, Math.min(answer.delivered, recipients.length - unknown.length))
          : recipients.length - unknown.length;
      return { delivered, unknown };
    },
  };
}

export async function recipientSourceOf(db: Kysely<AgencyDB>, n: NoticeRow): Promise<RecipientSource> {
  const audience = n.audience as { type: string; fugo?: string; rule?: SegmentRule };
  if (audience.type === 'schedule') return { type: 'schedule', noticeId: n.id };
  const tenant = await findTenant(db, n.agency_code);
  const municipal = tenant !== undefined && isMunicipalKind(tenant.kind);
  if (audience.type === 'person')
    return { type: 'person', tenant: n.agency_code, municipal, fugo: audience.fugo as string };
  return {
    type: 'segment',
    tenant: n.agency_code,
    municipal,
    rule: audience.rule as SegmentRule,
    asOf: n.audience_as_of,
  };
}

async function contentOf(db: Kysely<AgencyDB>, n: NoticeRow): Promise<NoticeContent> {
  const files = await attachmentsOf(db, n.id);
  return {
    // The notice table's check constraint holds it to the same closed list.
    kind: n.kind as NoticeKind,
    title: n.title,
    body: n.body,
    actions: n.actions as NoticeAction[],
    attachments: files.map((f) => ({
      filename: f.filename,
      contentBase64: Buffer.from(f.content).toString('base64'),
    })),
    sentAt: new Date(n.created_at).toISOString(),
    ...(n.expires_at ? { expiresAt: new Date(n.expires_at).toISOString() } : {}),
  };
}

export interface FanoutPayload {
  noticeId: string;
  step: number;
}

export const fanoutJob = (noticeId: string, step: number) => ({
  queue: FANOUT_QUEUE,
  payload: { noticeId, step } satisfies FanoutPayload,
  key: `${noticeId}:${step}`,
  maxAttempts: 12,
});

export function fanoutHandler(hub: HubNotices, stepSize = FANOUT_STEP_SIZE): JobHandler {
  return async (job: Job, trx) => {
    const { noticeId, step } = job.payload as FanoutPayload;
    const db = trx as Kysely<AgencyDB>;
    // The row lock serialises steps of one notice; a step whose number was already committed is a stale
    // duplicate and does nothing.
    const n = await findNoticeById(db, noticeId, true);
    if (!n || n.status === 'sent' || n.steps !== step) return;
    const src = await recipientSourceOf(db, n);
    let total: number | null = null;
    if (step === 0) {
      await hub.putNotice(n.agency_code, n.id, await contentOf(db, n));
      total = await countRecipients(db, src);
    }
    const page = await recipientsPage(db, src, n.cursor_fugo, stepSize);
    const answer =
      page.length > 0 ? await hub.addRecipients(n.agency_code, n.id, page) : { delivered: 0, unknown: [] };
    const done = page.length < stepSize;
    await recordStep(db, n.id, {
      cursor: page.at(-1) ?? null,
      delivered: answer.delivered,
      unknown: answer.unknown,
      total,
      done,
    });
    await writeAudit(db, {
      type: 'notice.fanned_out',
      actor: `system:${FANOUT_QUEUE}`,
      onBehalfOf: `agency:${n.agency_code}`,
      purpose: 'お知らせの送付 (handing recipients of a notice to the hub)',
      requestId: `job:${job.id}`,
      subject: `notice:${n.id}`,
      outcome: 'success',
      detail: {
        step,
        recipients: page.length,
        delivered: answer.delivered,
        unknown: answer.unknown.length,
        done,
      },
    });
    if (!done) await enqueue(db, fanoutJob(n.id, step + 1));
  };
}
