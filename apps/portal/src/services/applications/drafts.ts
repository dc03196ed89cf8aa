/**
 * A person's application drafts: one per (account, municipality, service). A draft holds a whole
 * application form, so every read and every write records its audit row in the same transaction.
 */
import { type AuditEventType, writeAudit } from '@madoguchi/audit';
import type { Kysely, Transaction } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { findAccount } from '../../data/accounts.ts';
import {
  type AttachmentMeta,
  type DraftKey,
  type DraftRow,
  findDraft,
  listAttachments,
  upsertDraft,
} from '../../data/application-drafts.ts';
import type { PortalDB } from '../../data/schema.ts';

export interface Actor {
  subject: string;
  requestId: string;
}

export interface OpenedDraft {
  nickname: string | null;
  draft: DraftRow | undefined;
  attachments: AttachmentMeta[];
}

const purpose = '本人による電子申請の入力 (own online application)';

export function auditDraft(
  trx: Transaction<PortalDB>,
  actor: Actor,
  type: Extract<AuditEventType, `application.${string}`>,
  draftId: string,
  key: DraftKey,
  detail: Record<string, string | number | boolean> = {},
): Promise<void> {
  return writeAudit(trx, {
    type,
    actor: `resident:${actor.subject}`,
    purpose,
    requestId: actor.requestId,
    subject: `application_draft:${draftId}`,
    outcome: 'success',
    detail: { service: `${key.municipality}/${key.serviceId}`, ...detail },
  });
}

async function nicknameOf(trx: Transaction<PortalDB>, subject: string): Promise<string | null> {
  const account = await findAccount(trx, subject);
  // The session outlived its account (deleted meanwhile): log in again.
  if (!account) throw new AppError('session.expired');
  return account.nickname;
}

/** Reads the person's draft and its attachment list (audited as application.draft_read when one exists). */
export async function openDraft(
  db: Kysely<PortalDB>,
  actor: Actor,
  key: DraftKey,
  view: 'form' | 'review',
): Promise<OpenedDraft> {
  return db.transaction().execute(async (trx) => {
    const nickname = await nicknameOf(trx, actor.subject);
    const draft = await findDraft(trx, key);
    if (!draft) return { nickname, draft: undefined, attachments: [] };
    await auditDraft(trx, actor, 'application.draft_read', draft.id, key, { view });
    return { nickname, draft, attachments: await listAttachments(trx, draft.id) };
  });
}

/** Stores the answers as they are (一時保存: no validation) and returns the saved draft. */
export async function saveDraft(
  db: Kysely<PortalDB>,
  actor: Actor,
  key: DraftKey,
  answers: Record<string, unknown>,
  intent: string,
): Promise<OpenedDraft & { draft: DraftRow }> {
  return db.transaction().execute(async (trx) => {
    const nickname = await nicknameOf(trx, actor.subject);
    const { id, created } = await upsertDraft(trx, key, answers);
    await auditDraft(trx, actor, 'application.draft_saved', id, key, { created, intent });
    const draft = await findDraft(trx, key);
    if (!draft) throw new Error('application draft vanished after saving');
    return { nickname, draft, attachments: await listAttachments(trx, id) };
  });
}
