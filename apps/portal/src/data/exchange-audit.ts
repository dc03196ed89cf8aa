import { type AuditEvent, auditInsertSql } from '@madoguchi/audit';
import { type Kysely, sql } from '@madoguchi/db';
import type { PortalDB } from './schema.ts';

/**
 * Writes the audit row of a read made with the account's link code, in one statement with the check
 * that the account still holds that link code (one round trip, one transaction). False when it does
 * not (the account was removed meanwhile): the caller then shows nothing.
 */
export async function auditLinkedRead(
  db: Kysely<PortalDB>,
  subject: string,
  fugo: string,
  event: AuditEvent,
): Promise<boolean> {
  const result = await sql<{ ok: boolean }>`
    with audited as (
      ${auditInsertSql(event)}
      where exists (select 1 from account where subject = ${subject} and fugo = ${fugo})
      returning 1
    )
    select exists (select 1 from audited) as ok
  `.execute(db);
  return result.rows[0]?.ok === true;
}
