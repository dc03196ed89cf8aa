import type { Kysely, Transaction } from '@madoguchi/db';
import type { AccountTable, PortalDB } from './schema.ts';

type Db = Kysely<PortalDB> | Transaction<PortalDB>;

export type AccountRow = Omit<AccountTable, 'created_at' | 'last_login_at'> & {
  created_at: Date;
  last_login_at: Date;
};

export async function findAccount(db: Db, subject: string): Promise<AccountRow | undefined> {
  return db.selectFrom('account').selectAll().where('subject', '=', subject).executeTakeFirst();
}

export async function updateNickname(db: Db, subject: string, nickname: string | null): Promise<void> {
  await db.updateTable('account').set({ nickname }).where('subject', '=', subject).execute();
}

export async function setPendingEmail(
  db: Db,
  subject: string,
  pending: { email: string; tokenHash: Buffer; expiresAt: Date } | null,
): Promise<void> {
  await db
    .updateTable('account')
    .set({
      pending_email: pending?.email ?? null,
      email_token_hash: pending?.tokenHash ?? null,
      email_token_expires_at: pending?.expiresAt ?? null,
    })
    .where('subject', '=', subject)
    .execute();
}

export async function findAccountByEmailToken(db: Db, tokenHash: Buffer): Promise<AccountRow | undefined> {
  return db.selectFrom('account').selectAll().where('email_token_hash', '=', tokenHash).executeTakeFirst();
}

export async function confirmPendingEmail(
  db: Db,
  subject: string,
  tokenHash: Buffer,
  at: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('account')
    .set((eb) => ({
      email: eb.ref('pending_email'),
      email_confirmed_at: at,
      pending_email: null,
      email_token_hash: null,
      email_token_expires_at: null,
    }))
    .where('subject', '=', subject)
    .where('email_token_hash', '=', tokenHash)
    .where('email_token_expires_at', '>', at)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function clearEmail(db: Db, subject: string): Promise<void> {
  await db
    .updateTable('account')
    .set({
      email: null,
      email_confirmed_at: null,
      pending_email: null,
      email_token_hash: null,
      email_token_expires_at: null,
    })
    .where('subject', '=', subject)
    .execute();
}

/**
 * The account's link code at the hub (null until linked) and the nickname the page header shows;
 * undefined when there is no such account.
 */
export async function findLink(
  db: Db,
  subject: string,
): Promise<{ fugo: string | null; nickname: string | null } | undefined> {
  return db
    .selectFrom('account')
    .select(['fugo', 'nickname'])
    .where('subject', '=', subject)
    .executeTakeFirst();
}

/** Stores the link code once: a concurrent login that linked first wins, and both got the same code. */
export async function setFugoIfUnset(db: Db, subject: string, fugo: string): Promise<boolean> {
  const r = await db
    .updateTable('account')
    .set({ fugo })
    .where('subject', '=', subject)
    .where('fugo', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
