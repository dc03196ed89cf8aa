import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  deriveKey,
  PERMIT_LIFETIME_SECONDS,
  type PermitClaims,
  signPermit,
  signRequest,
} from '@madoguchi/exchange';
import { createTestDatabase, forEachEngine, readJson, type TestDatabase } from '@madoguchi/testing';
import type pg from 'pg';
import { agencyTestSecrets, type RunningAgency, startAgency } from '../../test-support/agency-fixture.ts';

// The hub's network key, derived the way the hub derives it from its secret.
const hubKey = deriveKey('hub-network-test-secret-0123456789abcdef', 'hub:network');
const otherKey = deriveKey('not-the-hub-0123456789abcdef0123456789', 'hub:network');
const fugoHanako = 'HanakoFugo0123456789ab';
const fugoJps = 'JpsCopyFugo0123456789a';

function permit(over: Partial<PermitClaims> = {}, key = hubKey): string {
  const now = Math.floor(Date.now() / 1000);
  return signPermit(
    {
      jti: randomUUID(),
      iss: 'madoguchi-hub',
      aud: '131016',
      sub: fugoHanako,
      azp: 'jps',
      task: 'kokunen-menjo',
      info: ['chihouzei'],
      iat: now,
      exp: now + PERMIT_LIFETIME_SECONDS,
      ...over,
    },
    key.privateKey,
    'test',
  );
}

forEachEngine(describe, (engine) => {
  let db: TestDatabase;
  let admin: pg.Pool;
  let agency: RunningAgency;
  const answer = (code: string, token: string) =>
    fetch(`${agency.url}/api/intermediate/${code}/answer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ permit: token }),
    });
  const audits = async (type: string) =>
    (
      await admin.query(
        'select actor, subject, outcome, detail from agency.audit_event where type = $1 order by id',
        [type],
      )
    ).rows;
  const count = async (table: string) =>
    (await admin.query(`select count(*)::int as n from agency.${table}`)).rows[0].n as number;
  const hubCall = (path: string, body: unknown, key = hubKey, agencyCode = 'hub') => {
    const text = JSON.stringify(body);
    return fetch(`${agency.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signRequest({ agency: agencyCode, key: key.privateKey, method: 'POST', path, body: text }),
      },
      body: text,
    });
  };
  let residentId: string;

  before(async () => {
    db = await createTestDatabase(engine);
    admin = db.adminPool(2);
    agency = await startAgency(db, { HUB_NETWORK_PUBLIC_KEY: hubKey.publicKeyB64 });
    residentId = randomUUID();
    await admin.query(
      `insert into agency.resident (id, municipality_code, my_number, family_name, given_name, family_kana, given_kana,
         birth_date, sex, address, household_id, relationship, fugo)
       values ($1, '131016', '123456789018', 'デジタル', '花子', 'デジタル', 'ハナコ', '1985-04-01', 2,
         '東京都千代田区霞が関1丁目1番1号', $2, 'head', $3)`,
      [residentId, randomUUID(), fugoHanako],
    );
    await admin.query(`insert into agency.agency_copy (agency_code, fugo) values ('jps', $1)`, [fugoJps]);
    const field = (key: string, label: string, value: unknown) => ({ key, label, value });
    for (const [code, fugo, type, title, fields] of [
      [
        '131016',
        fugoHanako,
        'chihouzei',
        '令和7年度 個人住民税',
        [field('taxableIncome', '課税標準額', 3200000)],
      ],
      ['131016', fugoHanako, 'juminhyo', '住民票', [field('relationship', '続柄', '世帯主')]],
      [
        'jps',
        fugoJps,
        'nenkin-kanyu',
        '年金加入者情報',
        [field('category', '被保険者種別', '第2号被保険者')],
      ],
    ] as const)
      await admin.query(
        `insert into agency.info_record (id, agency_code, fugo, info_type, title, as_of, fields, updated_by)
         values ($1, $2, $3, $4, $5, '2025-06-01', $6, 'test')`,
        [randomUUID(), code, fugo, type, title, JSON.stringify(fields)],
      );
  });
  after(async () => {
    await agency.close();
    await admin.end();
    await db.drop();
  });

  it('publishes each hosted agency’s credential and 404s an unknown code', async () => {
    const res = await fetch(`${agency.url}/api/intermediate/jps/credential`);
    assert.equal(res.status, 200);
    assert.deepEqual(await readJson(res), {
      agencyCode: 'jps',
      publicKey: deriveKey(agencyTestSecrets.AGENCY_EXCHANGE_SECRET, 'agency:jps').publicKeyB64,
      endpointUrl: `${agency.url}/api/intermediate/jps`,
    });
    assert.equal((await fetch(`${agency.url}/api/intermediate/nowhere/credential`)).status, 404);
  });

  it('answers a valid permit with exactly the permitted information, once, audited', async () => {
    const token = permit();
    const res = await answer('131016', token);
    assert.equal(res.status, 200);
    const body = await readJson(res);
    assert.equal(body.provider, '131016');
    assert.deepEqual(
      body.records.map((r: { infoType: string; title: string }) => [r.infoType, r.title]),
      [['chihouzei', '令和7年度 個人住民税']],
    );
    assert.deepEqual(body.records[0].fields, [{ key: 'taxableIncome', label: '課税標準額', value: 3200000 }]);
    const provided = (await audits('exchange.provided')).at(-1);
    assert.equal(provided.actor, 'agency:jps');
    assert.equal(provided.subject, `fugo:131016:${fugoHanako}`);
    assert.equal(provided.detail.records, 1);
    assert.equal(provided.detail.permitId, body.permitId);

    const used = await count('permit_use');
    const replay = await answer('131016', token);
    assert.equal(replay.status, 409);
    assert.equal((await readJson(replay)).error.code, 'exchange.permit_replayed');
    assert.equal(await count('permit_use'), used);
    assert.equal((await audits('exchange.rejected')).at(-1).detail.reason, 'replayed');

    const copy = await answer(
      'jps',
      permit({ aud: 'jps', sub: fugoJps, azp: '131016', info: ['nenkin-kanyu'] }),
    );
    assert.equal(copy.status, 200);
    assert.deepEqual(
      (await readJson(copy)).records.map((r: { infoType: string }) => r.infoType),
      ['nenkin-kanyu'],
    );
  });

  it('refuses forged, expired, wrong-audience, malformed permits and unknown link codes, returning nothing', async () => {
    const used = await count('permit_use');
    const provided = (await audits('exchange.provided')).length;
    const rejectedBefore = (await audits('exchange.rejected')).length;
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, string, number, string][] = [
      ['forged', permit({}, otherKey), 401, 'exchange.permit_invalid'],
      ['wrong audience', permit({ aud: '131121' }), 401, 'exchange.permit_invalid'],
      ['expired', permit({ iat: now - 200, exp: now - 100 }), 401, 'exchange.permit_expired'],
      ['malformed', 'not.a.jwt', 401, 'exchange.permit_invalid'],
      ['unknown fugo', permit({ sub: 'NoSuchFugo0123456789ab' }), 404, 'fugo.unknown'],
      ['copy not held', permit({ aud: 'kyokai-kenpo', sub: fugoJps }), 404, 'fugo.unknown'],
    ];
    for (const [name, token, status, code] of cases) {
      const res = await answer(name === 'copy not held' ? 'kyokai-kenpo' : '131016', token);
      assert.equal(res.status, status, name);
      const body = await readJson(res);
      assert.equal(body.error.code, code, name);
      assert.equal(body.records, undefined, name);
    }
    assert.equal(await count('permit_use'), used, 'no permit was spent');
    assert.equal((await audits('exchange.provided')).length, provided);
    assert.equal(
      (await audits('exchange.rejected')).length,
      rejectedBefore + cases.length,
      'each refusal audited',
    );

    const big = await fetch(`${agency.url}/api/intermediate/131016/answer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ permit: 'x'.repeat(10_000) }),
    });
    assert.equal(big.status, 413);
    assert.equal((await readJson(big)).error.code, 'request.too_large');
  });

  it('checks facts for the hub: birth date and kana name, folding hiragana, widths and spaces', async () => {
    const item = (ref: string, birthDate: string, kanaName: string, fugo = fugoHanako) => ({
      ref,
      fugo,
      birthDate,
      kanaName,
    });
    const res = await hubCall('/api/intermediate/131016/facts-check', {
      items: [
        item('a', '1985-04-01', 'デジタル ハナコ'),
        item('b', '1985-04-01', 'でじたる　はなこ'),
        item('c', '1985-04-01', 'ﾃﾞｼﾞﾀﾙﾊﾅｺ'),
        item('d', '1985-04-02', 'デジタル ハナコ'),
        item('e', '1985-04-01', 'デジタル タロウ'),
        item('f', '1985-04-01', 'デジタル ハナコ', 'NoSuchFugo0123456789ab'),
      ],
    });
    assert.equal(res.status, 200);
    const verdicts = (await readJson(res)).items.map((i: { birthDate: string; kanaName: string }) => [
      i.birthDate,
      i.kanaName,
    ]);
    assert.deepEqual(verdicts, [
      ['match', 'match'],
      ['match', 'match'],
      ['match', 'match'],
      ['mismatch', 'match'],
      ['match', 'mismatch'],
      ['mismatch', 'mismatch'],
    ]);
    const checked = (await audits('fugo.facts_checked')).at(-1);
    assert.equal(checked.actor, 'agency:hub');
    assert.deepEqual(checked.detail, { municipality: '131016', items: 6, mismatches: 3, unknown: 1 });
  });

  it('answers resident-fugo for the hub, and refuses unsigned, wrongly signed and non-municipal calls', async () => {
    const ok = await hubCall('/api/intermediate/131016/resident-fugo', { residentId });
    assert.equal(ok.status, 200);
    assert.deepEqual(await readJson(ok), { fugo: fugoHanako });
    const auditRows = await count('audit_event');
    const unsigned = await fetch(`${agency.url}/api/intermediate/131016/resident-fugo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ residentId }),
    });
    assert.equal(unsigned.status, 401);
    assert.equal((await readJson(unsigned)).error.code, 'exchange.signature_invalid');
    const forged = await hubCall('/api/intermediate/131016/resident-fugo', { residentId }, otherKey);
    assert.equal(forged.status, 401);
    const asAgency = await hubCall(
      '/api/intermediate/131016/resident-fugo',
      { residentId },
      deriveKey(agencyTestSecrets.AGENCY_EXCHANGE_SECRET, 'agency:jps'),
      'jps',
    );
    assert.equal(asAgency.status, 401, 'only the hub may ask');
    assert.equal(await count('audit_event'), auditRows, 'refused calls read nothing');
    const national = await hubCall('/api/intermediate/jps/resident-fugo', { residentId });
    assert.equal(national.status, 404);
    const elsewhere = await hubCall('/api/intermediate/131121/resident-fugo', { residentId });
    assert.equal(elsewhere.status, 404, 'another municipality does not see this resident');
  });
});
