import type { Kysely, Transaction } from '@madoguchi/db';
import type { LoginChallengeTable, PortalDB } from './schema.ts';

type Db = Kysely<PortalDB> | Transaction<PortalDB>;

export async function insertChallenge(db: Db, row: Omit<LoginChallengeTable, 'used_at'>): Promise<void> {
  await db.insertInto('login_challenge').values(row).execute();
}

export async function findChallenge(
  db: Db,
  id: string,
  sessionHash: Buffer,
): Promise<LoginChallengeTable | undefined> {
  return db
    .selectFrom('login_challenge')
    .selectAll()
    .where('id', '=', id)
    .where('session_hash', '=', sessionHash)
    .executeTakeFirst();
}
