import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createTestDatabase,
  type RunningTestService,
  type TestDatabase,
  testEngines,
} from '@madoguchi/testing';
import { agencyStaffHeaders } from '../../agency/src/test-support/agency-fixture.ts';
import { type Network, startNetwork } from './test-support/network-fixture.ts';

async function searchWhenReady(portal: RunningTestService, q: string): Promise<Response> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await fetch(
      `${portal.url}/api/services/search?${new URLSearchParams({ q, municipality: '131016' })}`,
    );
    if (res.status !== 503 || Date.now() > deadline) return res;
    await res.body?.cancel();
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The feed from the real agency app (its demo seed), not a stand-in: the contract in docs/services.md.
for (const engine of testEngines()) {
  describe(`ぴったりサービス over the real agency feed on ${engine.name} PostgreSQL`, () => {
    let db: TestDatabase;
    let net: Network;
    let portal: RunningTestService;

    before(async () => {
      db = await createTestDatabase(engine);
      net = await startNetwork(db);
      portal = await net.startPortal({ AGENCY_URL: net.agency.url, CATALOGUE_SYNC_SECONDS: '1' });
    });
    after(async () => {
      await net?.close();
      await db?.drop();
    });

    it('finds the seeded 子育てワンストップ services, and follows a withdrawal', async () => {
      const res = await searchWhenReady(portal, 'じどうてあて にんてい');
      assert.equal(res.status, 200);
      const body = (await res.json()) as { items: { id: string; municipality: string; title: string }[] };
      assert.equal(body.items[0]?.municipality, '131016');
      assert.match(body.items[0]?.title ?? '', /児童手当の認定請求/);
      const id = body.items[0]?.id as string;

      const withdrawn = await fetch(`${net.agency.url}/api/staff/agencies/131016/services/${id}`, {
        method: 'DELETE',
        headers: agencyStaffHeaders,
      });
      assert.equal(withdrawn.status, 200);
      const deadline = Date.now() + 10_000;
      let gone = false;
      while (!gone && Date.now() < deadline) {
        const page = await fetch(`${portal.url}/services/131016/${id}`);
        await page.body?.cancel();
        gone = page.status === 404;
        if (!gone) await new Promise((r) => setTimeout(r, 200));
      }
      assert.ok(gone, 'the withdrawn service disappears from the portal within a sync or two');
    });
  });
}
