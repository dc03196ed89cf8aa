import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { canonicalEntry, type LogBundle, type LogEntry, verifyBundle } from '@madoguchi/exchange';
import { createHttpApp, type HttpApp } from '@madoguchi/http';
import { openCheckpoint } from '@madoguchi/merkle-log';
import { allAgencies } from '@madoguchi/reference';
import { forEachEngine, readJson } from '@madoguchi/testing';
import type { FastifyRequest } from 'fastify';
import { seedHubAgencies } from '../data/seed-agencies.ts';
import { appendPending } from './append-pending.ts';
import { type ExchangeLog, installExchangeLog } from './index.ts';
import {
  makeEntry,
  openTestLog,
  personA,
  personB,
  TEST_LOG_SECRET,
  TEST_ORIGIN,
  type TestLog,
} from './testing/log-fixture.ts';
import { leafHash, rfcVerifyConsistency, rfcVerifyInclusion } from './testing/rfc9162-verifier.ts';

const SUPERVISOR_TOKEN = 'supervisor-token-0123456789abcdef0123456789';

/**
 * The agency check is stubbed (signed requests are tested with the hub core): the header names the
 * calling agency, which must be the portal. Everything else — routes, SQL, proofs — is real.
 */
async function stubRequireAgency(req: FastifyRequest, kinds?: readonly string[]) {
  const code = req.headers['x-test-agency'];
  if (typeof code !== 'string') throw new AppError('auth.required');
  const kind = code === 'portal' ? 'national:digital' : 'national:nenkin';
  if (kinds && !kinds.includes(kind)) throw new AppError('exchange.not_permitted');
  return { code, kind };
}

const b = (xs: string[]) => xs.map((x) => Buffer.from(x, 'base64'));

forEachEngine(describe, (engine) => {
  let log: TestLog;
  let app: HttpApp;
  let exchangeLog: ExchangeLog;
  let url: string;
  let vkey: string;
  const a: LogEntry[] = [];
  const bEntries: LogEntry[] = [];
  let pendingA: LogEntry;

  const portal = (path: string, body: unknown, agency = 'portal') =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test-agency': agency },
      body: JSON.stringify(body),
    });
  const checkpoint = async () =>
    openCheckpoint(await (await fetch(`${url}/log/checkpoint`)).text(), vkey).checkpoint;
  const append = (entries: LogEntry[]) =>
    log.database.db.transaction().execute((trx) => appendPending(trx, entries));
  const audits = async () =>
    (
      await sql<{ actor: string; outcome: string; subject: string; on_behalf_of: string | null }>`
        select actor, outcome, subject, on_behalf_of from audit_event where type = 'log.read' order by id`.execute(
        log.database.db,
      )
    ).rows;

  before(async () => {
    log = await openTestLog(engine, 10);
    await seedHubAgencies(
      log.database.db,
      allAgencies().filter((x) => ['131016', '131121', 'jps'].includes(x.code)),
    );
    app = await createHttpApp({
      name: 'hub',
      title: 'hub (log routes)',
      description: 'test',
      mode: 'test',
      logLevel: 'silent',
      rateLimitMax: 100_000,
      ready: async () => true,
    });
    exchangeLog = installExchangeLog(app, {
      db: log.database.db,
      config: { logSecret: TEST_LOG_SECRET, logOrigin: TEST_ORIGIN, supervisorToken: SUPERVISOR_TOKEN },
      requireAgency: stubRequireAgency,
      // Only wake() and flush() sequence in these tests, so "pending" is a state the test controls.
      idleMs: 3_600_000,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  after(async () => {
    await app.close();
    await log.close();
  });

  it('serves the log key and a signed size-0 checkpoint for the empty log', async () => {
    const keyRes = await fetch(`${url}/log/key`);
    assert.match(String(keyRes.headers.get('content-type')), /^text\/plain/);
    vkey = await keyRes.text();
    assert.equal(vkey, exchangeLog.vkey);
    assert.ok(vkey.startsWith(`${TEST_ORIGIN}+`));
    const cpRes = await fetch(`${url}/log/checkpoint`);
    assert.match(String(cpRes.headers.get('content-type')), /^text\/plain/);
    const cp = openCheckpoint(await cpRes.text(), vkey).checkpoint;
    assert.equal(cp.size, 0);
    assert.deepEqual(Buffer.from(cp.rootHash), createHash('sha256').digest());
    const openapi = await readJson(await fetch(`${url}/openapi.json`));
    for (const path of [
      '/log/checkpoint',
      '/log/key',
      '/log/proof/inclusion',
      '/log/proof/consistency',
      '/log/sequenced/{entryId}',
      '/api/log/person/entries',
      '/api/log/person/proof',
      '/api/log/person/bundle',
      '/api/supervisor/log/entries',
    ]) {
      const operations = Object.values(openapi.paths[path] ?? {}) as { summary?: string }[];
      assert.ok(operations.length > 0 && operations.every((o) => o.summary), path);
    }
  });

  it('sequences after wake() and answers /log/sequenced', async () => {
    const days = ['2025-04-01T03:00:00.000Z', '2025-04-02T14:59:00.000Z', '2025-04-02T15:01:00.000Z'];
    a.push(
      makeEntry({ at: days[0] }),
      makeEntry({ at: days[1], querier: '131016', provider: '131121', task: 'jidou-teate' }),
      makeEntry({ at: days[2], outcome: 'refused', reason: 'no_row', infoTypes: ['juminhyo'] }),
      makeEntry({ at: '2025-05-01T00:00:00.000Z', querier: '131016', provider: 'jps', task: 'jidou-teate' }),
      makeEntry({ at: '2025-06-01T00:00:00.000Z' }),
    );
    bEntries.push(
      ...Array.from({ length: 3 }, () => makeEntry({ person: personB, at: '2025-05-02T00:00:00.000Z' })),
    );
    await append([a[0], bEntries[0], a[1], a[2]] as LogEntry[]);
    await append([bEntries[1], a[3], a[4], bEntries[2]] as LogEntry[]);
    const first = a[0] as LogEntry;
    const pendingRes = await fetch(`${url}/log/sequenced/${first.id}`);
    assert.equal(pendingRes.status, 409);
    assert.equal((await readJson(pendingRes)).error.code, 'log.entry_pending');
    exchangeLog.wake();
    let index: number | undefined;
    for (let i = 0; i < 200 && index === undefined; i++) {
      const res = await fetch(`${url}/log/sequenced/${first.id}`);
      if (res.status === 200) index = (await readJson(res)).index;
      else await new Promise((r) => setTimeout(r, 10));
    }
    assert.equal(index, 0);
    assert.equal((await fetch(`${url}/log/sequenced/${randomUUID()}`)).status, 404);
    assert.equal((await checkpoint()).size, 8);
    // One entry of A stays pending for the rest of the suite.
    pendingA = makeEntry({ at: '2025-07-01T00:00:00.000Z' });
    await append([pendingA]);
  });

  it("lists only the person's own entries, pending first, newest first, with filters and pages", async () => {
    const res = await portal('/api/log/person/entries', { person: personA });
    assert.equal(res.status, 200);
    const { entries, next } = await readJson(res);
    assert.equal(next, undefined);
    assert.deepEqual(
      entries.map((e: { entryId: string }) => e.entryId),
      [pendingA, ...[...a].reverse()].map((e) => e.id),
    );
    assert.equal(entries[0].index, null);
    assert.deepEqual(
      entries.slice(1).map((e: { index: number }) => e.index),
      [6, 5, 3, 2, 0],
    );
    const second = entries.find((e: { entryId: string }) => e.entryId === a[1]?.id);
    assert.equal(second.entry, canonicalEntry(a[1] as LogEntry));
    assert.equal(second.querierName, '千代田区');
    assert.equal(second.providerName, '世田谷区');
    assert.equal(entries.find((e: { entryId: string }) => e.entryId === a[2]?.id).reason, 'no_row');

    const ids = async (filter: object) =>
      (await readJson(await portal('/api/log/person/entries', { person: personA, ...filter }))).entries.map(
        (e: { entryId: string }) => e.entryId,
      );
    assert.deepEqual(await ids({ task: 'jidou-teate' }), [a[3]?.id, a[1]?.id]);
    assert.deepEqual(await ids({ agency: 'jps' }), [pendingA.id, a[4]?.id, a[3]?.id, a[2]?.id, a[0]?.id]);
    assert.deepEqual(await ids({ agency: '131121' }), [a[1]?.id]);
    // JST days: 2025-04-02T14:59Z is 23:59 on the 2nd in Japan, 15:01Z is already the 3rd.
    assert.deepEqual(await ids({ from: '2025-04-02', to: '2025-04-02' }), [a[1]?.id]);
    assert.deepEqual(await ids({ from: '2025-04-03', to: '2025-05-31' }), [a[3]?.id, a[2]?.id]);

    const page1 = await readJson(await portal('/api/log/person/entries', { person: personA, limit: 2 }));
    assert.equal(page1.entries.length, 3);
    assert.equal(page1.next, 5);
    const page2 = await readJson(
      await portal('/api/log/person/entries', { person: personA, limit: 2, before: 5 }),
    );
    assert.deepEqual(
      page2.entries.map((e: { index: number }) => e.index),
      [3, 2],
    );
    const page3 = await readJson(
      await portal('/api/log/person/entries', { person: personA, limit: 2, before: 2 }),
    );
    assert.deepEqual(
      page3.entries.map((e: { index: number }) => e.index),
      [0],
    );
    assert.equal(page3.next, undefined);

    const other = await readJson(await portal('/api/log/person/entries', { person: personB }));
    assert.deepEqual(
      new Set(other.entries.map((e: { entryId: string }) => e.entryId)),
      new Set(bEntries.map((e) => e.id)),
    );
  });

  it('refuses callers other than the portal and bad filters', async () => {
    const before = (await audits()).length;
    const unsigned = await fetch(`${url}/api/log/person/entries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ person: personA }),
    });
    assert.equal(unsigned.status, 401);
    const agency = await portal('/api/log/person/entries', { person: personA }, 'jps');
    assert.equal(agency.status, 403);
    assert.equal((await readJson(agency)).error.code, 'exchange.not_permitted');
    const badDay = await portal('/api/log/person/entries', { person: personA, from: '2025-02-30' });
    assert.equal(badDay.status, 400);
    assert.equal((await readJson(badDay)).error.fields[0].path, '/from');
    const tooMany = await portal('/api/log/person/entries', { person: personA, limit: 101 });
    assert.equal(tooMany.status, 400);
    assert.equal((await audits()).length, before, 'nothing was read, so nothing is audited');
  });

  it("proves one of the person's entries and hides everyone else's", async () => {
    const target = a[3] as LogEntry;
    const res = await portal('/api/log/person/proof', { person: personA, entryId: target.id });
    assert.equal(res.status, 200);
    const proof = await readJson(res);
    assert.equal(proof.entry, canonicalEntry(target));
    const cp = openCheckpoint(proof.checkpoint, vkey).checkpoint;
    assert.equal(cp.size, 8);
    assert.ok(
      rfcVerifyInclusion(proof.index, cp.size, leafHash(proof.entry), b(proof.inclusionProof), cp.rootHash),
    );

    const foreign = await portal('/api/log/person/proof', { person: personA, entryId: bEntries[0]?.id });
    assert.equal(foreign.status, 404);
    assert.equal((await readJson(foreign)).error.code, 'resource.not_found');
    const unknown = await portal('/api/log/person/proof', { person: personA, entryId: randomUUID() });
    assert.equal(unknown.status, 404);
    const pending = await portal('/api/log/person/proof', { person: personA, entryId: pendingA.id });
    assert.equal(pending.status, 409);
    assert.equal((await readJson(pending)).error.code, 'log.entry_pending');
    const rows = (await audits()).filter((r) => r.subject.startsWith('log:entry:'));
    assert.deepEqual(
      rows.map((r) => [r.outcome, r.actor, r.on_behalf_of]),
      [
        ['success', 'agency:portal', `fugo:portal:${personA}`],
        ['failure', 'agency:portal', `fugo:portal:${personA}`],
        ['failure', 'agency:portal', `fugo:portal:${personA}`],
        ['failure', 'agency:portal', `fugo:portal:${personA}`],
      ],
    );
  });

  it('downloads a bundle that verifies offline and fails when one byte changes', async () => {
    const res = await portal('/api/log/person/bundle', { person: personA });
    assert.equal(res.status, 200);
    const bundle: LogBundle = await readJson(res);
    assert.equal(bundle.entries.length, 5, 'sequenced entries only');
    assert.ok(bundle.entries.every((e) => JSON.parse(e.entry).person === personA));
    const verdict = verifyBundle(bundle, vkey);
    assert.ok(verdict.ok);
    assert.equal(verdict.treeSize, 8);
    const tampered = structuredClone(bundle);
    const victim = tampered.entries[2] as { entry: string };
    victim.entry = victim.entry.replace('"kokunen-menjo"', '"kokunen-menjO"');
    assert.notEqual(victim.entry, bundle.entries[2]?.entry);
    const bad = verifyBundle(tampered, vkey);
    assert.equal(bad.ok, false);
    assert.deepEqual(
      bad.entries.map((e) => e.ok),
      [true, true, false, true, true],
    );
    const filtered: LogBundle = await readJson(
      await portal('/api/log/person/bundle', { person: personA, task: 'jidou-teate' }),
    );
    assert.equal(filtered.entries.length, 2);
    assert.ok(verifyBundle(filtered, vkey).ok);
  });

  it('serves public inclusion and consistency proofs that an independent verifier accepts', async () => {
    const old = await checkpoint();
    await exchangeLog.flush();
    const now = await checkpoint();
    assert.equal(now.size, old.size + 1);
    const { rows } = await sql<{ body: string }>`select body from log_entry order by idx`.execute(
      log.database.db,
    );
    for (let i = 0; i < now.size; i++) {
      const res = await fetch(`${url}/log/proof/inclusion?index=${i}&size=${now.size}`);
      assert.equal(res.status, 200);
      const body = await readJson(res);
      assert.deepEqual([body.index, body.size], [i, now.size]);
      assert.ok(
        rfcVerifyInclusion(i, now.size, leafHash(rows[i]?.body as string), b(body.proof), now.rootHash),
      );
    }
    const consistency = await readJson(
      await fetch(`${url}/log/proof/consistency?from=${old.size}&to=${now.size}`),
    );
    assert.ok(rfcVerifyConsistency(old.size, now.size, old.rootHash, now.rootHash, b(consistency.proof)));
    for (const bad of [
      `inclusion?index=0&size=${now.size + 1}`,
      `inclusion?index=${now.size}&size=${now.size}`,
      `consistency?from=5&to=4`,
      `consistency?from=1&to=${now.size + 1}`,
    ]) {
      const res = await fetch(`${url}/log/proof/${bad}`);
      assert.equal(res.status, 400, bad);
      assert.equal((await readJson(res)).error.code, 'log.range_invalid');
    }
    assert.equal((await fetch(`${url}/log/proof/inclusion?index=-1&size=3`)).status, 400);
  });

  it('lets supervisors read by agency with their token only', async () => {
    const path = `${url}/api/supervisor/log/entries?agency=131121`;
    assert.equal((await fetch(path)).status, 401);
    const wrong = await fetch(path, { headers: { authorization: `Bearer ${SUPERVISOR_TOKEN}x` } });
    assert.equal(wrong.status, 401);
    assert.equal((await readJson(wrong)).error.code, 'auth.invalid_credentials');
    const res = await fetch(path, { headers: { authorization: `Bearer ${SUPERVISOR_TOKEN}` } });
    assert.equal(res.status, 200);
    const { entries } = await readJson(res);
    assert.deepEqual(
      entries.map((e: { entryId: string; person: string }) => [e.entryId, e.person]),
      [[a[1]?.id, personA]],
    );
    const all = await readJson(
      await fetch(`${url}/api/supervisor/log/entries?limit=100`, {
        headers: { authorization: `Bearer ${SUPERVISOR_TOKEN}` },
      }),
    );
    assert.equal(all.entries.length, 9);
    const jps = await readJson(
      await fetch(`${url}/api/supervisor/log/entries?agency=jps&limit=3`, {
        headers: { authorization: `Bearer ${SUPERVISOR_TOKEN}` },
      }),
    );
    const { rows: expected } = await sql<{ idx: number }>`
      select idx from log_entry where querier = 'jps' or provider = 'jps' order by idx desc limit 3`.execute(
      log.database.db,
    );
    assert.deepEqual(
      jps.entries.map((e: { index: number }) => e.index),
      expected.map((r) => Number(r.idx)),
    );
    assert.equal(jps.next, Number(expected[2]?.idx));
    const last = (await audits()).at(-1);
    assert.deepEqual([last?.actor, last?.outcome], ['supervisor', 'success']);
  });
});
