/**
 * Staff sending notices: create (notice + `notice.created` audit + first fan-out job in one transaction),
 * preview a segment's count (audited: a count over personal data is a read), list and status.
 */
import { randomUUID } from 'node:crypto';
import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import { AppError, type FieldError, fieldError } from '@madoguchi/errors';
import { enqueue } from '@madoguchi/jobs';
import { findTenant, isMunicipalKind, knowsPerson } from '../../data/exchange.ts';
import { countRecipients } from '../../data/notice-recipients.ts';
import {
  attachmentsOf,
  fanoutDead,
  findNotice,
  insertNotice,
  listNotices,
  type NoticeRow,
  unknownRecipients,
} from '../../data/notices.ts';
import type { AgencyDB } from '../../data/schema.ts';
import { fanoutJob, recipientSourceOf } from './fanout.ts';
import { checkAudience, checkNoticeInput, type NoticeAction, type NoticeAudience } from './notice-input.ts';

type Db = Kysely<AgencyDB>;

/** The calendar day in Japan: ages and schedules count in JST whatever the server's zone. */
export function jstDate(at = new Date()): string {
  return new Date(at.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

async function requireTenant(db: Db, code: string) {
  const tenant = await findTenant(db, code);
  if (!tenant) throw new AppError('resource.not_found');
  return { ...tenant, municipal: isMunicipalKind(tenant.kind) };
}

const sendPurpose = 'お知らせの送付 (notices to residents about their procedures and services)';

export async function createNotice(
  db: Db,
  staffId: string,
  requestId: string,
  code: string,
  body: unknown,
  now = new Date(),
): Promise<{ id: string; status: 'queued' }> {
  const tenant = await requireTenant(db, code);
  const input = checkNoticeInput(body, tenant.municipal, now);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    if (input.audience.type === 'person' && !(await knowsPerson(trx, tenant, input.audience.fugo)))
      throw new AppError('validation.failed', {
        fields: [
          fieldError('/body/audience/fugo', 'unknown', {
            ja: 'この団体ではこの符号の方を把握していません。',
            en: 'This agency holds no one with this link code.',
          }),
        ],
      });
    await insertNotice(trx, {
      id,
      agencyCode: code,
      kind: input.kind,
      title: input.title,
      body: input.body,
      actions: input.actions,
      audience: input.audience,
      audienceAsOf: jstDate(now),
      expiresAt: input.expiresAt,
      createdBy: `staff:${staffId}`,
      attachments: input.attachments,
    });
    await writeAudit(trx, {
      type: 'notice.created',
      actor: `staff:${staffId}`,
      onBehalfOf: `agency:${code}`,
      purpose: sendPurpose,
      requestId,
      subject: input.audience.type === 'person' ? `fugo:${code}:${input.audience.fugo}` : `notice:${id}`,
      outcome: 'success',
      detail: {
        notice: id,
        kind: input.kind,
        audience: input.audience.type,
        attachments: input.attachments.length,
      },
    });
    await enqueue(trx, fanoutJob(id, 0));
  });
  return { id, status: 'queued' };
}

export async function previewNotice(
  db: Db,
  staffId: string,
  requestId: string,
  code: string,
  body: unknown,
  now = new Date(),
): Promise<{ count: number; asOf: string }> {
  const tenant = await requireTenant(db, code);
  const problems: FieldError[] = [];
  const b = typeof body === 'object' && body !== null ? (body as { audience?: unknown }) : {};
  const audience: NoticeAudience | undefined = checkAudience(b.audience, tenant.municipal, problems);
  if (!audience) throw new AppError('validation.failed', { fields: problems });
  const asOf = jstDate(now);
  const src =
    audience.type === 'person'
      ? { type: 'person' as const, tenant: code, municipal: tenant.municipal, fugo: audience.fugo }
      : { type: 'segment' as const, tenant: code, municipal: tenant.municipal, rule: audience.rule, asOf };
  const count = await db.transaction().execute(async (trx) => {
    const n = await countRecipients(trx, src);
    await writeAudit(trx, {
      type: 'notice.previewed',
      actor: `staff:${staffId}`,
      onBehalfOf: `agency:${code}`,
      purpose: sendPurpose,
      requestId,
      outcome: 'success',
      detail: { audience: audience.type, count: n },
    });
    return n;
  });
  return { count, asOf };
}

export interface NoticeSummary {
  id: string;
  kind: string;
  title: string;
  audience: 'person' | 'segment' | 'schedule';
  status: 'queued' | 'sending' | 'sent' | 'failed';
  recipientsTotal: number | null;
  delivered: number;
  unknownCount: number;
  createdAt: string;
  sentAt: string | null;
  expiresAt: string | null;
  createdBy: string;
}

async function summary(db: Db, n: NoticeRow): Promise<NoticeSummary> {
  const status = n.status !== 'sent' && (await fanoutDead(db, n.id)) ? 'failed' : n.status;
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    audience: (n.audience as { type: NoticeSummary['audience'] }).type,
    status,
    recipientsTotal: n.recipients_total,
    delivered: n.delivered,
    unknownCount: n.unknown_count,
    createdAt: new Date(n.created_at).toISOString(),
    sentAt: n.sent_at ? new Date(n.sent_at).toISOString() : null,
    expiresAt: n.expires_at ? new Date(n.expires_at).toISOString() : null,
    createdBy: n.created_by,
  };
}

/** The list holds no personal data (titles and counts), so it is not audited; the detail is. */
export async function listNoticesForStaff(
  db: Db,
  code: string,
  limit = 50,
  offset = 0,
): Promise<NoticeSummary[]> {
  await requireTenant(db, code);
  const rows = await listNotices(db, code, limit, offset);
  return Promise.all(rows.map((n) => summary(db, n)));
}

export interface NoticeDetail extends NoticeSummary {
  body: string;
  actions: NoticeAction[];
  audienceRule: unknown;
  attachments: { no: number; filename: string; size: number; sha256: string }[];
  unknown: string[];
  steps: number;
}

export async function noticeForStaff(
  db: Db,
  staffId: string,
  requestId: string,
  code: string,
  id: string,
): Promise<NoticeDetail> {
  await requireTenant(db, code);
  return db.transaction().execute(async (trx) => {
    const n = await findNotice(trx, code, id);
    if (!n) throw new AppError('notice.not_found');
    const unknown = await unknownRecipients(trx, id);
    const files = await attachmentsOf(trx, id);
    await writeAudit(trx, {
      type: 'notice.status_read',
      actor: `staff:${staffId}`,
      onBehalfOf: `agency:${code}`,
      purpose: sendPurpose,
      requestId,
      subject: `notice:${id}`,
      outcome: 'success',
      detail: { unknown: unknown.length },
    });
    const src = await recipientSourceOf(trx, n);
    return {
      ...(await summary(trx, n)),
      body: n.body,
      actions: n.actions as NoticeAction[],
      audienceRule:
        src.type === 'segment' ? src.rule : src.type === 'person' ? { fugo: src.fugo } : n.audience,
      attachments: files.map((f) => ({ no: f.no, filename: f.filename, size: f.size, sha256: f.sha256 })),
      unknown,
      steps: n.steps,
    };
  });
}
