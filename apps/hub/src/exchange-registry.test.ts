import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from '@madoguchi/db';
import { deriveKey, type ExchangeKey, parseEntry, publicKeyFromB64, verifyPermit } from '@madoguchi/exchange';
import { generateMyNumber } from '@madoguchi/identifiers';
import { createTestDatabase, forEachEngine, readJson, type TestDatabase } from '@madoguchi/testing';
import { fugoOf, personKeyOf, portalFugoOf } from './services/link-codes.ts';
import { type FakeMunicipalities, startFakeMunicipalities } from './test-support/fake-municipality.ts';
import {
  enrollAgency,
  flushLog,
  startHub,
  type TestHub,
  testHubSecrets,
} from './test-support/hub-fixture.ts';
import { signedPost } from './test-support/signed-call.ts';

const AGENCY_SECRET = 'g'.repeat(40);
const keyOf = (code: string): ExchangeKey => deriveKey(AGENCY_SECRET, `agency:${code}`);
const PERSON_SECRET = testHubSecrets.HUB_PERSON_SECRET;

let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const myNumbers = Array.from({ length: 6 }, () => generateMyNumber(rand));
const wrongCheckDigit = (n: string) => `${n.slice(0, 11)}${(Number(n[11]) + 1) % 10}`;

forEachEngine(describe, (engine) => {
  let db: TestDatabase;
  let hub: TestHub;
  let fakes: FakeMunicipalities;
  const q = async <T>(text: string, ...values: unknown[]) => {
    const parts = text.split('?');
    const raw = sql.join(
      parts.map((p, i) => (i < values.length ? sql`${sql.raw(p)}${values[i]}` : sql.raw(p))),
      sql``,
    );
    return (await sql<T>`${raw}`.execute(hub.database.db)).rows;
  };
  const post = (agency: string, path: string, body: unknown, options = {}) =>
    signedPost(hub.url, agency, keyOf(agency).privateKey, path, body, options);
  const audits = (type: string) =>
    q<{ actor: string; outcome: string; subject: string | null; detail: Record<string, unknown> }>(
      'select actor, outcome, subject, detail from audit_event where type = ? order by id',
      type,
    );
  const logBody = async (entryId: string) => {
    const rows = await q<{ body: string }>(
      'select body from log_pending where entry_id = ?::uuid union all select body from log_entry where entry_id = ?::uuid',
      entryId,
      entryId,
    );
    return rows[0] ? parseEntry(rows[0].body) : undefined;
  };

  before(async () => {
    db = await createTestDatabase(engine);
    hub = await startHub(db);
    fakes = await startFakeMunicipalities(hub.url);
    for (const code of ['131016', '131121', 'jps', 'kyokai-kenpo'])
      await enrollAgency(hub.url, code, keyOf(code).publicKeyB64, fakes.endpointOf(code));
    await enrollAgency(hub.url, 'portal', keyOf('portal').publicKeyB64, null);
  });
  after(async () => {
    await fakes?.close();
    await hub?.close();
    await db?.drop();
  });

  describe('enrollment', () => {
    const put = (code: string, body: unknown, token?: string) =>
      fetch(`${hub.url}/api/admin/agencies/${code}/credential`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        },
        body: JSON.stringify(body),
      });

    it('needs the admin token and a real key, and refuses unknown agencies', async () => {
      const body = { publicKey: keyOf('011002').publicKeyB64, endpointUrl: null };
      assert.equal((await put('011002', body)).status, 401);
      const wrong = await put('011002', body, 'x'.repeat(40));
      assert.equal(wrong.status, 401);
      assert.equal((await readJson(wrong)).error.code, 'auth.invalid_credentials');
      const bad = await put(
        '011002',
        { ...body, publicKey: Buffer.alloc(31).toString('base64').padEnd(44, 'A') },
        testHubSecrets.HUB_ADMIN_TOKEN,
      );
      assert.equal(bad.status, 400);
      const unknown = await put('999999', body, testHubSecrets.HUB_ADMIN_TOKEN);
      assert.equal(unknown.status, 404);
      const detail = await readJson(await fetch(`${hub.url}/api/agencies/011002`));
      assert.equal(detail.enrolled, false);
      assert.equal(detail.endpointUrl, null);
    });

    it('shows enrollment in the public registry and audits it', async () => {
      const detail = await readJson(await fetch(`${hub.url}/api/agencies/131016`));
      assert.equal(detail.name, '千代田区');
      assert.equal(detail.enrolled, true);
      assert.equal(detail.endpointUrl, fakes.endpointOf('131016'));
      assert.ok(!('publicKey' in detail));
      const rows = await audits('agency.enrolled');
      assert.equal(rows.length, 5);
      assert.ok(rows.some((r) => r.subject === 'agency:portal' && r.detail.endpoint === false));
    });

    it('publishes the network key with its kid', async () => {
      const k = await readJson(await fetch(`${hub.url}/api/network/key`));
      const expected = deriveKey(testHubSecrets.HUB_NETWORK_SECRET, 'hub:network');
      assert.equal(k.publicKey, expected.publicKeyB64);
      assert.match(k.kid, /^[0-9a-f]{16}$/);
    });
  });

  describe('signed requests', () => {
    const body = { items: [{ myNumber: myNumbers[5], ref: 'r' }] };
    const persons = async () => (await q<{ n: number }>('select count(*)::int as n from person'))[0]?.n;

    it('refuses a missing, unknown, tampered, stale or replayed signature, writing nothing', async () => {
      const before = await persons();
      const none = await fetch(`${hub.url}/api/fugo/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(none.status, 401);
      assert.equal((await readJson(none)).error.code, 'auth.required');

      const unknown = await post('011002', '/api/fugo/register', body); // not enrolled
      assert.equal(unknown.status, 401);
      assert.equal(unknown.body.error.code, 'exchange.signature_invalid');
      assert.equal(unknown.body.error.details.reason, 'unknown_agency');

      const tampered = await post('131016', '/api/fugo/register', body, {
        tamper: (s: string) => s.replace('"r"', '"s"'),
      });
      assert.equal(tampered.status, 401);
      assert.equal(tampered.body.error.details.reason, 'bad_signature');

      const stale = await post('131016', '/api/fugo/register', body, { now: new Date(Date.now() - 120_000) });
      assert.equal(stale.body.error.details.reason, 'stale');

      // Another agency's key under this agency's name.
      const forged = await signedPost(
        hub.url,
        '131016',
        keyOf('131121').privateKey,
        '/api/fugo/register',
        body,
      );
      assert.equal(forged.body.error.details.reason, 'bad_signature');

      const first = await post('131016', '/api/fugo/register', body);
      assert.equal(first.status, 200);
      const replay = await post('131016', '/api/fugo/register', body, { headers: first.headers });
      assert.equal(replay.status, 401);
      assert.equal(replay.body.error.details.reason, 'replayed');
      assert.equal(await persons(), (before ?? 0) + 1);
    });

    it('refuses an agency whose kind may not call the route', async () => {
      const res = await post('jps', '/api/fugo/register', { items: [{ myNumber: myNumbers[4], ref: 'x' }] });
      assert.equal(res.status, 403);
      assert.equal(res.body.error.code, 'exchange.agency_kind_not_allowed');
    });
  });

  describe('link codes', () => {
    it('registers residents with deterministic, per-agency link codes and no My Number stored', async () => {
      const items = [
        { myNumber: myNumbers[0], ref: 'a' },
        { myNumber: myNumbers[1], ref: 'b' },
      ];
      const res = await post('131016', '/api/fugo/register', { items });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const again = await post('131016', '/api/fugo/register', { items });
      assert.deepEqual(again.body, res.body);
      const [row] = await q<{ id: string; registered_by: string }>(
        'select id, registered_by from person where person_key = ?',
        personKeyOf(PERSON_SECRET, myNumbers[0] as string),
      );
      assert.equal(row?.registered_by, '131016');
      assert.deepEqual(res.body.items[0], {
        ref: 'a',
        fugo: fugoOf(PERSON_SECRET, '131016', row?.id as string),
      });
      assert.match(res.body.items[1].fugo, /^[A-Za-z0-9_-]{22}$/);
      const dump =
        JSON.stringify(await q('select * from person')) + JSON.stringify(await q('select * from fugo'));
      assert.ok(!dump.includes(myNumbers[0] as string));
      const registered = await audits('fugo.registered');
      assert.ok(registered.some((a) => a.actor === 'agency:131016' && a.detail.count === 2));
    });

    it('refuses a batch with a wrong check digit, naming the item, and writes nothing', async () => {
      const res = await post('131016', '/api/fugo/register', {
        items: [
          { myNumber: myNumbers[2], ref: 'ok' },
          { myNumber: wrongCheckDigit(myNumbers[3] as string), ref: 'bad' },
        ],
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.fields[0].path, '/items/1/myNumber');
      const rows = await q(
        'select 1 from person where person_key = ?',
        personKeyOf(PERSON_SECRET, myNumbers[2] as string),
      );
      assert.equal(rows.length, 0);
    });

    it('registers copies only when the municipality confirms the basic facts', async () => {
      const [p0] = await q<{ id: string }>(
        'select id from person where person_key = ?',
        personKeyOf(PERSON_SECRET, myNumbers[0] as string),
      );
      const [p1] = await q<{ id: string }>(
        'select id from person where person_key = ?',
        personKeyOf(PERSON_SECRET, myNumbers[1] as string),
      );
      fakes.add('131016', {
        fugo: fugoOf(PERSON_SECRET, '131016', p0?.id as string),
        residentId: '00000000-0000-4000-8000-000000000001',
        birthDate: '1990-01-02',
        kanaName: 'デジタル ハナコ',
      });
      fakes.add('131016', {
        fugo: fugoOf(PERSON_SECRET, '131016', p1?.id as string),
        residentId: '00000000-0000-4000-8000-000000000002',
        birthDate: '1985-04-01',
        kanaName: 'ヤマダ タロウ',
      });
      const res = await post('jps', '/api/fugo/register-copies', {
        items: [
          { ref: 'p0', myNumber: myNumbers[0], birthDate: '1990-01-02', kanaName: 'でじたる　はなこ' },
          { ref: 'p1', myNumber: myNumbers[1], birthDate: '1985-04-02', kanaName: 'ヤマダ ジロウ' },
          { ref: 'p4', myNumber: myNumbers[4], birthDate: '1985-04-01', kanaName: 'ダレ' },
        ],
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body.items, [
        { ref: 'p0', fugo: fugoOf(PERSON_SECRET, 'jps', p0?.id as string) },
        { ref: 'p1', error: { code: 'fugo.facts_mismatch', facts: ['birthDate', 'kanaName'] } },
        { ref: 'p4', error: { code: 'fugo.person_unknown' } },
      ]);
      // The municipality saw one batch, signed by the hub, and never the caller's refs.
      const calls = fakes.calls.filter((c) => c.path.endsWith('/facts-check'));
      assert.equal(calls.length, 1);
      assert.equal(calls[0]?.agency, 'hub');
      const refused = await audits('fugo.copy_refused');
      assert.equal(refused.length, 1);
      assert.equal(refused[0]?.subject, `person:${p1?.id}`);
      assert.equal(refused[0]?.detail.facts, 'birthDate,kanaName');
      const linked = await q(
        'select 1 from fugo where agency_code = ? and person_id = ?::uuid',
        'jps',
        p1?.id,
      );
      assert.equal(linked.length, 0);
      const [registered] = await audits('fugo.copy_registered');
      assert.deepEqual(
        { r: registered?.detail.registered, m: registered?.detail.mismatched, u: registered?.detail.unknown },
        { r: 1, m: 1, u: 1 },
      );
    });

    it('answers a single failing item with its own HTTP error', async () => {
      const mismatch = await post('kyokai-kenpo', '/api/fugo/register-copies', {
        items: [{ ref: 'x', myNumber: myNumbers[0], birthDate: '1990-01-03', kanaName: 'デジタル ハナコ' }],
      });
      assert.equal(mismatch.status, 422);
      assert.equal(mismatch.body.error.code, 'fugo.facts_mismatch');
      assert.equal(mismatch.body.error.details.facts, 'birthDate');
      const unknown = await post('kyokai-kenpo', '/api/fugo/register-copies', {
        items: [{ ref: 'x', myNumber: myNumbers[4], birthDate: '1990-01-03', kanaName: 'ダレ' }],
      });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.error.code, 'fugo.person_unknown');
      fakes.failWith = 500;
      try {
        const down = await post('kyokai-kenpo', '/api/fugo/register-copies', {
          items: [{ ref: 'x', myNumber: myNumbers[0], birthDate: '1990-01-02', kanaName: 'デジタル ハナコ' }],
        });
        assert.equal(down.status, 503);
        assert.equal(down.body.error.code, 'exchange.provider_unavailable');
      } finally {
        fakes.failWith = undefined;
      }
      const ok = await post('kyokai-kenpo', '/api/fugo/register-copies', {
        items: [{ ref: 'x', myNumber: myNumbers[0], birthDate: '1990-01-02', kanaName: 'ﾃﾞｼﾞﾀﾙﾊﾅｺ' }],
      });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
    });
  });

  describe('permits', () => {
    let personId: string;
    before(async () => {
      const [p] = await q<{ id: string }>(
        'select id from person where person_key = ?',
        personKeyOf(PERSON_SECRET, myNumbers[0] as string),
      );
      personId = p?.id as string;
    });

    it('grants a permit the provider can verify with the published key, logged in the same commit', async () => {
      const res = await post('jps', '/api/permits', {
        task: 'kokunen-menjo',
        fugo: fugoOf(PERSON_SECRET, 'jps', personId),
        infoTypes: ['chihouzei'],
        provider: '131016',
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.refusals.length, 0);
      const [p] = res.body.permits;
      assert.equal(p.provider, '131016');
      assert.equal(p.providerName, '千代田区');
      assert.equal(p.endpointUrl, fakes.endpointOf('131016'));
      assert.deepEqual(p.infoTypes, ['chihouzei']);
      const key = await readJson(await fetch(`${hub.url}/api/network/key`));
      const check = verifyPermit(p.permit, publicKeyFromB64(key.publicKey), '131016');
      assert.ok(check.ok, JSON.stringify(check));
      assert.equal(check.claims.sub, fugoOf(PERSON_SECRET, '131016', personId));
      assert.equal(check.claims.azp, 'jps');
      assert.equal(check.claims.jti, p.entryId);
      assert.deepEqual(check.claims.info, ['chihouzei']);
      assert.equal(JSON.parse(Buffer.from(p.permit.split('.')[0], 'base64url').toString()).kid, key.kid);
      assert.equal(verifyPermit(p.permit, publicKeyFromB64(key.publicKey), '131121').ok, false);
      const entry = await logBody(p.entryId);
      assert.equal(entry?.outcome, 'permitted');
      assert.equal(entry?.person, portalFugoOf(PERSON_SECRET, personId));
      assert.equal(entry?.querier, 'jps');
      assert.equal(entry?.reason, null);
      assert.match(entry?.tableVersion ?? '', /^[0-9a-f]{64}$/);
      await flushLog(hub);
      const sequenced = await fetch(`${hub.url}/log/sequenced/${p.entryId}`);
      assert.equal(sequenced.status, 200);
      assert.equal(typeof (await readJson(sequenced)).index, 'number');
    });

    it('refuses a query the table does not allow: entry logged as refused, then 403', async () => {
      const res = await post('jps', '/api/permits', {
        task: 'kokunen-menjo',
        fugo: fugoOf(PERSON_SECRET, 'jps', personId),
        infoTypes: ['iryouhi'],
        provider: '131016',
      });
      assert.equal(res.status, 403);
      assert.equal(res.body.error.code, 'exchange.not_permitted');
      assert.equal(res.body.error.details.reason, 'no_row');
      const entry = await logBody(res.body.error.details.entryId);
      assert.equal(entry?.outcome, 'refused');
      assert.equal(entry?.reason, 'no_row');
      assert.deepEqual(entry?.infoTypes, ['iryouhi']);
      const decided = await audits('exchange.permit_decided');
      assert.ok(decided.some((a) => a.outcome === 'denied' && a.subject === `person:${personId}`));
    });

    it('without a provider considers every holder the table names for the query', async () => {
      const res = await post('kyokai-kenpo', '/api/permits', {
        task: 'kenpo-kyufu',
        fugo: fugoOf(PERSON_SECRET, 'kyokai-kenpo', personId),
        infoTypes: ['chihouzei', 'nenkin-kyufu'],
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(
        res.body.permits.map((p: { provider: string; infoTypes: string[] }) => [p.provider, p.infoTypes]),
        [
          ['131016', ['chihouzei']],
          ['jps', ['nenkin-kyufu']],
        ],
      );
    });

    it('answers 404 for an unknown link code, writing no entry', async () => {
      const before = (
        await q<{ n: number }>(
          'select (select count(*) from log_pending) + (select count(*) from log_entry) as n',
        )
      )[0]?.n;
      const res = await post('jps', '/api/permits', {
        task: 'kokunen-menjo',
        fugo: 'A'.repeat(22),
        infoTypes: ['chihouzei'],
        provider: '131016',
      });
      assert.equal(res.status, 404);
      assert.equal(res.body.error.code, 'fugo.unknown');
      const afterCount = (
        await q<{ n: number }>(
          'select (select count(*) from log_pending) + (select count(*) from log_entry) as n',
        )
      )[0]?.n;
      assert.equal(Number(afterCount), Number(before));
    });

    it('refuses a provider without an endpoint as not_enrolled', async () => {
      await enrollAgency(hub.url, '131016', keyOf('131016').publicKeyB64, null);
      try {
        const res = await post('jps', '/api/permits', {
          task: 'kokunen-menjo',
          fugo: fugoOf(PERSON_SECRET, 'jps', personId),
          infoTypes: ['chihouzei'],
          provider: '131016',
        });
        assert.equal(res.status, 403);
        assert.equal(res.body.error.details.reason, 'not_enrolled');
      } finally {
        await enrollAgency(hub.url, '131016', keyOf('131016').publicKeyB64, fakes.endpointOf('131016'));
      }
    });
  });
});
