import type { Kysely, Selectable } from '@madoguchi/db';
import type { CertificateKind, CertificateTable, JpkiDB, RevocationReason } from './schema.ts';

export interface CertificateRow {
  serial: string;
  cardSerial: string;
  kind: CertificateKind;
  status: 'good' | 'revoked';
  notBefore: Date;
  notAfter: Date;
  revokedAt: Date | null;
  reason: RevocationReason | null;
}

const columns = [
  'serial',
  'card_serial',
  'kind',
  'status',
  'not_before',
  'not_after',
  'revoked_at',
  'revocation_reason',
] as const;

function toRow(r: Pick<Selectable<CertificateTable>, (typeof columns)[number]>): CertificateRow {
  return {
    serial: r.serial,
    cardSerial: r.card_serial,
    kind: r.kind,
    status: r.status,
    notBefore: r.not_before,
    notAfter: r.not_after,
    revokedAt: r.revoked_at,
    reason: r.revocation_reason,
  };
}

export async function insertCertificate(
  db: Kysely<JpkiDB>,
  row: Omit<CertificateTable, 'status' | 'issued_at' | 'revoked_at' | 'revocation_reason'>,
): Promise<void> {
  await db
    .insertInto('certificate')
    .values({ ...row, revoked_at: null, revocation_reason: null })
    .execute();
}

/** One indexed lookup by primary key: the OCSP hot path. */
export async function findCertificateStatus(
  db: Kysely<JpkiDB>,
  serials: string[],
): Promise<Map<string, CertificateRow>> {
  if (serials.length === 0) return new Map();
  const rows = await db.selectFrom('certificate').select(columns).where('serial', 'in', serials).execute();
  return new Map(rows.map((r) => [r.serial, toRow(r)]));
}

export async function findCertificate(
  db: Kysely<JpkiDB>,
  serial: string,
): Promise<CertificateRow | undefined> {
  const r = await db
    .selectFrom('certificate')
    .select(columns)
    .where('serial', '=', serial)
    .executeTakeFirst();
  return r && toRow(r);
}

/** The certificate and the person it belongs to (identify and verify). */
export async function findCertificateWithPerson(
  db: Kysely<JpkiDB>,
  serial: string,
): Promise<(CertificateRow & { personId: string; certificatePem: string }) | undefined> {
  const r = await db
    .selectFrom('certificate')
    .innerJoin('card', 'card.serial', 'certificate.card_serial')
    .select([
      'certificate.serial',
      'certificate.card_serial',
      'certificate.kind',
      'certificate.status',
      'certificate.not_before',
      'certificate.not_after',
      'certificate.revoked_at',
      'certificate.revocation_reason',
      'certificate.certificate_pem',
      'card.person_id',
    ])
    .where('certificate.serial', '=', serial)
    .executeTakeFirst();
  return r && { ...toRow(r), personId: r.person_id, certificatePem: r.certificate_pem };
}

export async function certificatesOfCard(db: Kysely<JpkiDB>, cardSerial: string): Promise<CertificateRow[]> {
  const rows = await db
    .selectFrom('certificate')
    .select(columns)
    .where('card_serial', '=', cardSerial)
    .orderBy('issued_at')
    .orderBy('kind')
    .execute();
  return rows.map(toRow);
}

/** Marks a good certificate revoked; returns false when it was already revoked (or unknown). */
export async function revokeCertificate(
  db: Kysely<JpkiDB>,
  serial: string,
  at: Date,
  reason: RevocationReason,
): Promise<boolean> {
  const result = await db
    .updateTable('certificate')
    .set({ status: 'revoked', revoked_at: at, revocation_reason: reason })
    .where('serial', '=', serial)
    .where('status', '=', 'good')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function revokedCertificates(
  db: Kysely<JpkiDB>,
  kind: CertificateKind,
): Promise<{ serial: string; revokedAt: Date; reason: RevocationReason }[]> {
  const rows = await db
    .selectFrom('certificate')
    .select(['serial', 'revoked_at', 'revocation_reason'])
    .where('kind', '=', kind)
    .where('status', '=', 'revoked')
    .orderBy('revoked_at')
    .execute();
  return rows.map((r) => ({
    serial: r.serial,
    revokedAt: r.revoked_at as Date,
    reason: r.revocation_reason as RevocationReason,
  }));
}

/** The newest certificate of one kind on a card (good or revoked): what a renewal replaces. */
export async function latestOfKind(
  db: Kysely<JpkiDB>,
  cardSerial: string,
  kind: CertificateKind,
): Promise<{ serial: string; status: 'good' | 'revoked'; certificatePem: string } | undefined> {
  const r = await db
    .selectFrom('certificate')
    .select(['serial', 'status', 'certificate_pem'])
    .where('card_serial', '=', cardSerial)
    .where('kind', '=', kind)
    .orderBy('issued_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r && { serial: r.serial, status: r.status, certificatePem: r.certificate_pem };
}
