/**
 * Submitted applications (migration 0009). Reads a request can reach are scoped by the account's
 * subject, so another person's application is simply not found.
 */
import { type Kysely, sql, type Transaction } from '@madoguchi/db';
import type { PortalDB } from './schema.ts';

type Db = Kysely<PortalDB> | Transaction<PortalDB>;

/** The signer as jpki reported it (基本4情報) plus the certificate that signed. */
export interface SignerFacts {
  familyName: string;
  givenName: string;
  address: string;
  birthDate: string;
  sex: 1 | 2 | 3;
  certificateSerial: string;
}

export interface ApplicationSummary {
  id: string;
  municipality: string;
  serviceId: string;
  serviceTitle: string;
  receiptNumber: string;
  submittedAt: Date;
  status: 'submitted';
}

export interface ApplicationRecord extends ApplicationSummary {
  subject: string;
  /** The signed RFC 8785 bytes. */
  canonical: Buffer;
  sha256: string;
  signer: SignerFacts;
  signedAt: Date;
}

export interface NewApplication {
  id: string;
  subject: string;
  municipality: string;
  serviceId: string;
  serviceTitle: string;
  canonical: Buffer;
  sha256: Buffer;
  signature: Buffer;
  signer: SignerFacts;
  signedAt: Date;
  /** The time the 受付番号's date comes from, so the two can never disagree at midnight. */
  submittedAt: Date;
}

/** Next serial for 受付番号; the sequence cycles at 10^8, and the date prefix keeps numbers unique. */
export async function nextReceiptSerial(db: Db): Promise<number> {
  const { rows } = await sql<{ n: string }>`select nextval('application_receipt_seq')::text as n`.execute(db);
  return Number(rows[0]?.n);
}

/** Inserts unless the id exists (a retried or concurrent submit): false means someone got there first. */
export async function insertApplication(
  db: Db,
  a: NewApplication & { receiptNumber: string },
): Promise<boolean> {
  const r = await db
    .insertInto('application')
    .values({
      id: a.id,
      subject: a.subject,
      municipality: a.municipality,
      service_id: a.serviceId,
      service_title: a.serviceTitle,
      receipt_number: a.receiptNumber,
      canonical: a.canonical,
      sha256: a.sha256,
      signature: a.signature,
      signer: JSON.stringify(a.signer),
      signed_at: a.signedAt,
      submitted_at: a.submittedAt,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

/** Hands the draft's files to the application (same rows, new owner), then drops the draft. */
export async function moveDraftToApplication(
  db: Db,
  draftId: string,
  applicationId: string,
): Promise<number> {
  const moved = await db
    .updateTable('application_attachment')
    .set({ draft_id: null, application_id: applicationId })
    .where('draft_id', '=', draftId)
    .executeTakeFirst();
  await db.deleteFrom('application_draft').where('id', '=', draftId).execute();
  return Number(moved.numUpdatedRows);
}

const columns = [
  'id',
  'subject',
  'municipality',
  'service_id',
  'service_title',
  'receipt_number',
  'canonical',
  'sha256',
  'signer',
  'signed_at',
  'submitted_at',
  'status',
] as const;

/** By id regardless of owner: the submit path needs to tell "mine" (retry) from "someone else's". */
export async function findApplicationById(db: Db, id: string): Promise<ApplicationRecord | undefined> {
  const r = await db.selectFrom('application').select(columns).where('id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    subject: r.subject,
    municipality: r.municipality,
    serviceId: r.service_id,
    serviceTitle: r.service_title,
    receiptNumber: r.receipt_number,
    submittedAt: r.submitted_at,
    status: r.status,
    canonical: r.canonical,
    sha256: r.sha256.toString('hex'),
    signer: r.signer as SignerFacts,
    signedAt: r.signed_at,
  };
}

export async function findOwnApplication(
  db: Db,
  subject: string,
  id: string,
): Promise<ApplicationRecord | undefined> {
  const found = await findApplicationById(db, id);
  return found?.subject === subject ? found : undefined;
}

export async function listOwnApplications(db: Db, subject: string): Promise<ApplicationSummary[]> {
  const rows = await db
    .selectFrom('application')
    .select(['id', 'municipality', 'service_id', 'service_title', 'receipt_number', 'submitted_at', 'status'])
    .where('subject', '=', subject)
    .orderBy('submitted_at', 'desc')
    .orderBy('id')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    municipality: r.municipality,
    serviceId: r.service_id,
    serviceTitle: r.service_title,
    receiptNumber: r.receipt_number,
    submittedAt: r.submitted_at,
    status: r.status,
  }));
}
