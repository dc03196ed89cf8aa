/**
 * Application drafts and their attachments (migration 0008). Every query that a request can reach is
 * scoped by the account's subject, so another person's draft or file is simply not found.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from '@madoguchi/db';
import type { PortalDB } from './schema.ts';

type Db = Kysely<PortalDB> | Transaction<PortalDB>;

export interface DraftKey {
  subject: string;
  municipality: string;
  serviceId: string;
}

export interface DraftRow {
  id: string;
  answers: Record<string, unknown>;
  submissionId: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface AttachmentMeta {
  id: string;
  documentId: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdAt: Date;
}

const asObject = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

export async function findDraft(db: Db, key: DraftKey): Promise<DraftRow | undefined> {
  const row = await db
    .selectFrom('application_draft')
    .select(['id', 'answers', 'submission_id', 'created_at', 'updated_at'])
    .where('subject', '=', key.subject)
    .where('municipality', '=', key.municipality)
    .where('service_id', '=', key.serviceId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    answers: asObject(row.answers),
    submissionId: row.submission_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Creates the draft or replaces its answers; the id and submission id stay those of the first save. */
export async function upsertDraft(
  db: Db,
  key: DraftKey,
  answers: Record<string, unknown> | undefined,
): Promise<{ id: string; created: boolean }> {
  const { rows } = await sql<{ id: string; created: boolean }>`
    insert into application_draft (id, subject, municipality, service_id, answers, submission_id)
    values (${randomUUID()}, ${key.subject}, ${key.municipality}, ${key.serviceId},
            ${JSON.stringify(answers ?? {})}::jsonb, ${randomUUID()})
    on conflict on constraint application_draft_owner_uq do update
      set answers = ${answers === undefined ? sql`application_draft.answers` : sql`excluded.answers`},
          updated_at = clock_timestamp()
    returning id, (xmax = 0) as created`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('application draft upsert returned nothing');
  return row;
}

/** A changed attachment changes what would be signed, so the draft counts as updated. */
export async function touchDraft(db: Db, draftId: string): Promise<void> {
  await db
    .updateTable('application_draft')
    .set({ updated_at: sql`clock_timestamp()` })
    .where('id', '=', draftId)
    .execute();
}

export async function listAttachments(db: Db, draftId: string): Promise<AttachmentMeta[]> {
  const rows = await db
    .selectFrom('application_attachment')
    .select(['id', 'document_id', 'filename', 'media_type', 'size', 'sha256', 'created_at'])
    .where('draft_id', '=', draftId)
    .orderBy('document_id')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    documentId: r.document_id,
    filename: r.filename,
    mediaType: r.media_type,
    size: r.size,
    sha256: r.sha256.toString('hex'),
    createdAt: r.created_at,
  }));
}

export async function countAttachments(db: Db, draftId: string, documentId: string): Promise<number> {
  const row = await db
    .selectFrom('application_attachment')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('draft_id', '=', draftId)
    .where('document_id', '=', documentId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface NewAttachment {
  draftId: string;
  documentId: string;
  filename: string;
  mediaType: string;
  sha256: Buffer;
  content: Buffer;
}

export async function insertAttachment(db: Db, a: NewAttachment): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('application_attachment')
    .values({
      id,
      draft_id: a.draftId,
      document_id: a.documentId,
      filename: a.filename,
      media_type: a.mediaType,
      size: a.content.byteLength,
      sha256: a.sha256,
      content: a.content,
    })
    .execute();
  return id;
}

/** One attachment of the person's draft for this service, with its bytes; undefined when not theirs. */
export async function findAttachment(
  db: Db,
  key: DraftKey,
  attachmentId: string,
): Promise<(AttachmentMeta & { draftId: string; content: Buffer }) | undefined> {
  const r = await db
    .selectFrom('application_attachment as a')
    .innerJoin('application_draft as d', 'd.id', 'a.draft_id')
    .select([
      'a.id',
      'a.draft_id',
      'a.document_id',
      'a.filename',
      'a.media_type',
      'a.size',
      'a.sha256',
      'a.content',
      'a.created_at',
    ])
    .where('a.id', '=', attachmentId)
    .where('d.subject', '=', key.subject)
    .where('d.municipality', '=', key.municipality)
    .where('d.service_id', '=', key.serviceId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    draftId: r.draft_id,
    documentId: r.document_id,
    filename: r.filename,
    mediaType: r.media_type,
    size: r.size,
    sha256: r.sha256.toString('hex'),
    content: r.content,
    createdAt: r.created_at,
  };
}

export async function deleteAttachment(db: Db, draftId: string, attachmentId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('application_attachment')
    .where('id', '=', attachmentId)
    .where('draft_id', '=', draftId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
