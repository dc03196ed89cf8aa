import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from '@madoguchi/db';
import { createTestDatabase, forEachEngine, type TestDatabase } from '@madoguchi/testing';
import { sql } from 'kysely';
import type { AuditEventType } from './catalogue.ts';
import { writeAudit } from './write-audit.ts';

forEachEngine(describe, (engine) => {
  let db: TestDatabase;
  let database: ReturnType<typeof openDatabase>;
  const count = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from audit_event`.execute(database.db)).rows[0]?.n;
  const event = {
    type: 'inquiry.listed' as AuditEventType,
    actor: 'staff:sato',
    purpose: 'test',
    requestId: 'r1',
    outcome: 'success' as const,
  };

  before(async () => {
    db = await createTestDatabase(engine);
    database = openDatabase({ url: db.urlFor('portal'), schema: 'portal' });
  });
  after(async () => {
    await database.close();
    await db.drop();
  });

  it('commits with the change it records', async () => {
    await database.db.transaction().execute(async (trx) => {
      await writeAudit(trx, { ...event, detail: { count: 2 } });
    });
    assert.equal(await count(), 1);
    const row = (
      await sql<{ actor: string; detail: { count: number } }>`select actor, detail from audit_event`.execute(
        database.db,
      )
    ).rows[0];
    assert.deepEqual(row, { actor: 'staff:sato', detail: { count: 2 } });
  });

  it('rolls back with the change it records', async () => {
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await writeAudit(trx, event);
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    assert.equal(await count(), 1);
  });

  it('refuses an event type outside the catalogue', async () => {
    await assert.rejects(
      writeAudit(database.db, { ...event, type: 'resident.sold' as AuditEventType }),
      /unknown audit event type/,
    );
    assert.equal(await count(), 1);
  });
});
