import { type AuditEvent, writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { findLink } from '../data/accounts.ts';
import { auditLinkedRead } from '../data/exchange-audit.ts';
import type { PortalDB } from '../data/schema.ts';

/** Who reads, for the audit rows of わたしの情報 and やりとり履歴. */
export interface ReadContext {
  subject: string;
  requestId: string;
}

type Audit = Pick<AuditEvent, 'type' | 'purpose'>;

/**
 * The account's link code, or `fugo.not_linked` (audited as a failure) when the hub has not linked it
 * yet: the page then tells the person to log in again, which retries the link.
 */
export async function linkedFugo(
  db: Kysely<PortalDB>,
  ctx: ReadContext,
  audit: Audit,
): Promise<{ fugo: string; nickname: string | null }> {
  const link = await findLink(db, ctx.subject);
  if (link === undefined) throw new AppError('session.expired');
  const { fugo, nickname } = link;
  if (fugo === null) {
    await writeAudit(db, {
      ...audit,
      actor: `resident:${ctx.subject}`,
      requestId: ctx.requestId,
      subject: `account:${ctx.subject}`,
      outcome: 'failure',
      detail: { reason: 'fugo.not_linked' },
    });
    throw new AppError('fugo.not_linked');
  }
  return { fugo, nickname };
}

/** The audit row of a completed read; nothing is shown if the account lost its link meanwhile. */
export async function auditRead(
  db: Kysely<PortalDB>,
  ctx: ReadContext,
  fugo: string,
  audit: Audit & { outcome?: AuditEvent['outcome']; detail?: AuditEvent['detail'] },
): Promise<void> {
  const ok = await auditLinkedRead(db, ctx.subject, fugo, {
    ...audit,
    actor: `resident:${ctx.subject}`,
    requestId: ctx.requestId,
    subject: `account:${ctx.subject}`,
    outcome: audit.outcome ?? 'success',
  });
  if (!ok) throw new AppError('session.expired');
}

/** A failed read (the hub refused or was unreachable) is audited too, then rethrown. */
export async function auditFailure(
  db: Kysely<PortalDB>,
  ctx: ReadContext,
  audit: Audit,
  err: unknown,
): Promise<never> {
  await writeAudit(db, {
    ...audit,
    actor: `resident:${ctx.subject}`,
    requestId: ctx.requestId,
    subject: `account:${ctx.subject}`,
    outcome: 'failure',
    detail: { reason: err instanceof AppError ? err.code : 'internal.error' },
  }).catch(() => undefined);
  throw err;
}
