import type { AuditEvent } from '@madoguchi/audit';
import { auditInsertSql } from '@madoguchi/audit';
import { type Kysely, sql } from '@madoguchi/db';
import type { PortalDB } from './schema.ts';

export interface LoginWrite {
  challengeId: string;
  preLoginSessionHash: Buffer;
  subject: string;
  now: Date;
  session: { idHash: Buffer; csrfToken: string; expiresAt: Date };
  audit: AuditEvent;
}

/**
 * The whole login as one statement (one round trip, one implicit transaction): consume the
 * single-use challenge, drop the pre-login session, create or touch the account, start the new
 * session and write the audit row. Every step after the first only happens if the challenge was
 * still unused and unexpired, so a replay changes nothing. Under load the ten round trips of the
 * step-by-step version were most of the login's cost (one socket write each).
 */
export async function writeLogin(
  db: Kysely<PortalDB>,
  w: LoginWrite,
): Promise<{ ok: boolean; firstLogin: boolean; fugo: string | null }> {
  const result = await sql<{ ok: boolean; first_login: boolean | null; fugo: string | null }>`
    with consumed as (
      update login_challenge set used_at = ${w.now}
      where id = ${w.challengeId} and session_hash = ${w.preLoginSessionHash}
        and used_at is null and expires_at > ${w.now}
      returning id
    ), dropped as (
      delete from session where id_hash = ${w.preLoginSessionHash} and exists (select 1 from consumed)
    ), account_row as (
      insert into account (subject, last_login_at)
      select ${w.subject}, ${w.now} where exists (select 1 from consumed)
      on conflict (subject) do update set last_login_at = excluded.last_login_at
      returning (xmax = 0) as inserted, fugo
    ), new_session as (
      insert into session (id_hash, subject, csrf_token, expires_at, last_seen_at)
      select ${w.session.idHash}, ${w.subject}, ${w.session.csrfToken}, ${w.session.expiresAt}, ${w.now}
      from account_row
      returning 1
    ), audited as (
      ${auditInsertSql(w.audit, sql`jsonb_build_object('firstLogin', (select inserted from account_row))`)}
      where exists (select 1 from new_session)
    )
    select exists (select 1 from consumed) as ok, (select inserted from account_row) as first_login,
      (select fugo from account_row) as fugo
  `.execute(db);
  const row = result.rows[0];
  return { ok: row?.ok === true, firstLogin: row?.first_login === true, fugo: row?.fugo ?? null };
}
