import type { Kysely, Transaction } from '@madoguchi/db';
import type { PortalDB } from './schema.ts';

type Db = Kysely<PortalDB> | Transaction<PortalDB>;

export interface NewDeduction {
  id: string;
  subject: string;
  sourceId: string;
  xml: string;
  sha256: Buffer;
  verified: boolean;
  problem: string | null;
  issuerName: string | null;
  houjinBangou: string | null;
  kind: string | null;
  year: number | null;
  amount: number | null;
}

/** Stores certificates; the same signed file (by SHA-256) imported again is skipped. Returns how many were new. */
export async function insertDeductions(db: Db, rows: NewDeduction[]): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await db
    .insertInto('deduction_certificate')
    .values(
      rows.map((c) => ({
        id: c.id,
        subject: c.subject,
        source_id: c.sourceId,
        xml: c.xml,
        sha256: c.sha256,
        verified: c.verified,
        problem: c.problem,
        issuer_name: c.issuerName,
        houjin_bangou: c.houjinBangou,
        kind: c.kind,
        year: c.year,
        amount: c.amount,
      })),
    )
    .onConflict((oc) => oc.constraint('deduction_certificate_subject_sha256_uq').doNothing())
    .returning('id')
    .execute();
  return r.length;
}

export interface DeductionSummary {
  id: string;
  verified: boolean;
  problem: string | null;
  issuer_name: string | null;
  houjin_bangou: string | null;
  kind: string | null;
  year: number | null;
  amount: number | null;
  imported_at: Date;
}

export async function listDeductions(db: Db, subject: string): Promise<DeductionSummary[]> {
  return db
    .selectFrom('deduction_certificate')
    .select([
      'id',
      'verified',
      'problem',
      'issuer_name',
      'houjin_bangou',
      'kind',
      'year',
      'amount',
      'imported_at',
    ])
    .where('subject', '=', subject)
    .orderBy('year', 'desc')
    .orderBy('imported_at', 'desc')
    .orderBy('id')
    .execute();
}

/** One certificate of this person (another person's id finds nothing). */
export async function findDeduction(db: Db, subject: string, id: string) {
  return db
    .selectFrom('deduction_certificate')
    .select(['id', 'xml', 'kind', 'year', 'houjin_bangou', 'imported_at'])
    .where('subject', '=', subject)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function allDeductionFiles(db: Db, subject: string) {
  return db
    .selectFrom('deduction_certificate')
    .select(['id', 'xml', 'kind', 'year', 'houjin_bangou', 'imported_at'])
    .where('subject', '=', subject)
    .orderBy('imported_at')
    .orderBy('id')
    .execute();
}
