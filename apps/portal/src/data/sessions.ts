import type { Kysely, Transaction } from '@madoguchi/db';
import type { PortalDB, SessionTable } from './schema.ts';

type Db = Kysely<PortalDB> | Transaction<PortalDB>;

export type SessionRow = Omit<SessionTable, 'created_at' | 'last_seen_at'> & {
  created_at: Date;
  last_seen_at: Date;
};

export async function insertSession(
  db: Db,
  row: Pick<SessionTable, 'id_hash' | 'subject' | 'csrf_token' | 'expires_at'> & { last_seen_at: Date },
): Promise<void> {
  await db.insertInto('session').values(row).execute();
}

export async function findSession(db: Db, idHash: Buffer): Promise<SessionRow | undefined> {
  return db.selectFrom('session').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
}

export async function touchSession(db: Db, idHash: Buffer, at: Date): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Db, idHash: Buffer): Promise<boolean> {
  const r = await db.deleteFrom('session').where('id_hash', '=', idHash).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Sessions past their absolute end or idle for longer than the idle limit. */
export async function deleteStaleSessions(db: Db, now: Date, idleBefore: Date): Promise<number> {
  const r = await db
    .deleteFrom('session')
    .where((eb) => eb.or([eb('expires_at', '<', now), eb('last_seen_at', '<', idleBefore)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
