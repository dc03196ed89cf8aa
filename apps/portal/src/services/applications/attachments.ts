/**
 * Files attached to a draft. The bytes decide the type (checkAttachment), then the scanners run
 * (fail closed); only a file that passes both is stored, with its SHA-256, which is what the card
 * signature will cover. Refusals are results, not exceptions: the page shows each one in words.
 */
import type { RequiredDocument } from '@madoguchi/catalogue';
import type { Kysely } from '@madoguchi/db';
import {
  type AttachmentFailure,
  type AttachmentScanner,
  checkAttachment,
  compositeScanner,
  pdfActiveContentScanner,
  sha256Hex,
} from '@madoguchi/e-application';
import { AppError } from '@madoguchi/errors';
import {
  countAttachments,
  type DraftKey,
  deleteAttachment,
  findAttachment,
  insertAttachment,
  touchDraft,
  upsertDraft,
} from '../../data/application-drafts.ts';
import type { PortalDB } from '../../data/schema.ts';
import { type Actor, auditDraft } from './drafts.ts';

/** Whatever a definition allows, one file is at most this (the upload parser stops reading beyond it). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Per required document: a certificate of a few pages photographed page by page. */
export const MAX_FILES_PER_DOCUMENT = 5;

/** Why an upload was refused: the kernel's checks, the scan, or the portal's limits. */
export type AttachmentRefusal = AttachmentFailure | 'flagged' | 'too_many' | 'no_file';

export type AddResult = { ok: true; id: string } | { ok: false; refusal: AttachmentRefusal };

export const defaultScanner: AttachmentScanner = compositeScanner([pdfActiveContentScanner]);

/** A name safe to store and show: the last path segment, no control characters, at most 200 chars. */
export function cleanFilename(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const cleaned = base
    .normalize('NFC')
    .replace(/\p{Cc}/gu, '')
    .trim();
  return (cleaned === '' ? 'file' : cleaned).slice(-200);
}

export async function addAttachment(
  db: Kysely<PortalDB>,
  actor: Actor,
  key: DraftKey,
  doc: RequiredDocument,
  upload: { filename: string; bytes: Buffer },
  scanner: AttachmentScanner = defaultScanner,
): Promise<AddResult> {
  const filename = cleanFilename(upload.filename);
  const spec = { accept: doc.accept, maxBytes: Math.min(doc.maxBytes, MAX_FILE_BYTES) };
  const checked = checkAttachment(upload.bytes, filename, spec);
  if (!checked.ok) return { ok: false, refusal: checked.failure };
  const verdict = await scanner.scan({ name: filename, bytes: upload.bytes, mediaType: checked.mediaType });
  if (!verdict.clean) return { ok: false, refusal: 'flagged' };
  return db.transaction().execute(async (trx): Promise<AddResult> => {
    // Attaching before the first 一時保存 is fine: the draft starts empty.
    const { id: draftId } = await upsertDraft(trx, key, undefined);
    if ((await countAttachments(trx, draftId, doc.id)) >= MAX_FILES_PER_DOCUMENT)
      return { ok: false, refusal: 'too_many' };
    const id = await insertAttachment(trx, {
      draftId,
      documentId: doc.id,
      filename,
      mediaType: checked.mediaType,
      sha256: Buffer.from(sha256Hex(upload.bytes), 'hex'),
      content: upload.bytes,
    });
    await touchDraft(trx, draftId);
    await auditDraft(trx, actor, 'application.attachment_added', draftId, key, {
      document: doc.id,
      attachment: id,
      mediaType: checked.mediaType,
      size: checked.size,
    });
    return { ok: true, id };
  });
}

/** Removes one of the person's files; another person's (or an unknown) id is 404. */
export async function removeAttachment(
  db: Kysely<PortalDB>,
  actor: Actor,
  key: DraftKey,
  attachmentId: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const found = await findAttachment(trx, key, attachmentId);
    if (!found || !(await deleteAttachment(trx, found.draftId, attachmentId)))
      throw new AppError('resource.not_found');
    await touchDraft(trx, found.draftId);
    await auditDraft(trx, actor, 'application.attachment_removed', found.draftId, key, {
      document: found.documentId,
      attachment: attachmentId,
    });
  });
}

/** One of the person's files, to look at again before signing (audited as a draft read). */
export async function readAttachment(
  db: Kysely<PortalDB>,
  actor: Actor,
  key: DraftKey,
  attachmentId: string,
): Promise<{ filename: string; mediaType: string; content: Buffer }> {
  return db.transaction().execute(async (trx) => {
    const found = await findAttachment(trx, key, attachmentId);
    if (!found) throw new AppError('resource.not_found');
    await auditDraft(trx, actor, 'application.draft_read', found.draftId, key, {
      view: 'attachment',
      attachment: attachmentId,
    });
    return { filename: found.filename, mediaType: found.mediaType, content: found.content };
  });
}
