import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { readBasicFacts } from '@madoguchi/pki';
import { forEachEngine, readJson } from '@madoguchi/testing';
import {
  type CardKeys,
  cardKeys,
  countRows,
  openssl,
  portalApiKey,
  post,
  residentRef,
  staffHeaders,
  startJpki,
  type TestJpki,
  taroFacts,
  writeTemp,
} from './test-support.ts';

const keys: Promise<CardKeys[]> = Promise.all([cardKeys(), cardKeys()]);

const der64 = (pem: string) => Buffer.from(new X509Certificate(pem).raw).toString('base64');

forEachEngine(describe, (engine) => {
  let t: TestJpki;
  let k: CardKeys[];

  before(async () => {
    [t, k] = await Promise.all([startJpki(engine), keys]);
  });
  after(async () => {
    await t.close();
  });

  const issue = async (n: number, keyIndex = 0) => {
    const key = k[keyIndex] as CardKeys;
    return post(t, '/api/staff/cards', {
      residentRef: residentRef(n),
      facts: taroFacts,
      signCsr: key.signCsr,
      authCsr: key.authCsr,
    });
  };
  const identify = (certificatePem: string) =>
    post(
      t,
      '/api/rp/identify',
      { certificate: der64(certificatePem) },
      { authorization: `Bearer ${portalApiKey}`, 'content-type': 'application/json' },
    );

  it('issues a card whose certificates openssl verifies against the published chain', async () => {
    const res = await issue(1);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const { cardSerial, sign, auth, chain } = res.body;
    assert.match(cardSerial, /^[0-9]{12}$/);
    assert.match(sign.serial, /^[0-9a-f]+$/);
    assert.equal(chain.rootPem, await (await fetch(`${t.jpki.url}/ca/root.pem`)).text());
    const signFile = writeTemp(t, 'sign-leaf.pem', sign.certificatePem);
    const authFile = writeTemp(t, 'auth-leaf.pem', auth.certificatePem);
    const root = `${t.dir}/root.pem`;
    assert.match(openssl(['verify', '-CAfile', root, '-untrusted', `${t.dir}/sign.pem`, signFile]), /: OK/);
    assert.match(openssl(['verify', '-CAfile', root, '-untrusted', `${t.dir}/auth.pem`, authFile]), /: OK/);
    // The sign certificate is not valid under the authentication CA.
    assert.throws(() => openssl(['verify', '-CAfile', root, '-untrusted', `${t.dir}/auth.pem`, signFile]));

    const text = openssl(['x509', '-in', signFile, '-noout', '-text', '-nameopt', 'utf8']);
    for (const oid of [
      '1.2.392.200149.8.5.5.1',
      '1.2.392.200149.8.5.5.3',
      '1.2.392.200149.8.5.5.4',
      '1.2.392.200149.8.5.5.5',
    ])
      assert.ok(text.includes(oid), `otherName ${oid} in\n${text}`);
    assert.match(text, new RegExp(`CN ?= ?${cardSerial}-S`));
    assert.match(text, /Digital Signature, Non Repudiation/);
    assert.match(text, /crl\/sign\.crl/);
    const authText = openssl(['x509', '-in', authFile, '-noout', '-text']);
    assert.match(authText, new RegExp(`CN ?= ?${cardSerial}-A`));
    assert.doesNotMatch(authText, /Subject Alternative Name/);
    assert.deepEqual(readBasicFacts(sign.certificatePem), taroFacts);

    const { rows } = await t.admin.query(
      "select actor, subject from jpki.audit_event where type = 'card.issued'",
    );
    assert.deepEqual(rows, [{ actor: 'staff:sato', subject: `card:${cardSerial}` }]);
  });

  it('lists a card, unlocks it, and audits both', async () => {
    const { body } = await issue(2);
    const res = await fetch(`${t.jpki.url}/api/staff/cards/${body.cardSerial}`, { headers: staffHeaders() });
    assert.equal(res.status, 200);
    const card = await readJson(res);
    assert.equal(card.cardSerial, body.cardSerial);
    assert.deepEqual(
      card.certificates.map((c: { kind: string; status: string }) => `${c.kind}:${c.status}`).sort(),
      ['auth:good', 'sign:good'],
    );
    const unlocked = await post(t, `/api/staff/cards/${body.cardSerial}/unlock`, {});
    assert.equal(unlocked.status, 200);
    assert.equal(unlocked.body.cardSerial, body.cardSerial);
    assert.ok(Math.abs(Date.parse(unlocked.body.unlockedAt) - Date.now()) < 60_000);
    const { rows } = await t.admin.query(
      "select count(*)::int as n from jpki.audit_event where type = 'card.unlocked' and subject = $1",
      [`card:${body.cardSerial}`],
    );
    assert.equal(rows[0].n, 1);
  });

  it('renews with new keys: same pairwise subject, replaced serials recorded, old certificates superseded', async () => {
    const first = (await issue(3)).body;
    const before = await identify(first.auth.certificatePem);
    assert.equal(before.status, 200);
    assert.equal(before.body.certificateSerial, first.auth.serial);
    assert.match(before.body.subject, /^[A-Za-z0-9_-]{43}$/);

    const key = k[1] as CardKeys;
    const renewed = await post(t, `/api/staff/cards/${first.cardSerial}/renew`, {
      signCsr: key.signCsr,
      authCsr: key.authCsr,
    });
    assert.equal(renewed.status, 200, JSON.stringify(renewed.body));
    assert.equal(renewed.body.cardSerial, first.cardSerial);
    assert.notEqual(renewed.body.auth.serial, first.auth.serial);
    assert.deepEqual(readBasicFacts(renewed.body.sign.certificatePem), taroFacts);
    const after = await identify(renewed.body.auth.certificatePem);
    assert.equal(after.body.subject, before.body.subject);

    const { rows } = await t.admin.query(
      'select serial, status, revocation_reason, replaces_serial from jpki.certificate where card_serial = $1 order by issued_at, kind',
      [first.cardSerial],
    );
    const bySerial = Object.fromEntries(rows.map((r) => [r.serial, r]));
    assert.equal(bySerial[first.sign.serial].revocation_reason, 'superseded');
    assert.equal(bySerial[first.auth.serial].status, 'revoked');
    assert.equal(bySerial[renewed.body.sign.serial].replaces_serial, first.sign.serial);
    assert.equal(bySerial[renewed.body.auth.serial].replaces_serial, first.auth.serial);
    assert.equal(bySerial[renewed.body.auth.serial].status, 'good');
  });

  it('a new card for the same resident keeps the person and supersedes the old card', async () => {
    const first = (await issue(4)).body;
    const second = (await issue(4)).body;
    assert.notEqual(second.cardSerial, first.cardSerial);
    assert.equal(
      (await identify(second.auth.certificatePem)).body.subject,
      (await identify(first.auth.certificatePem)).body.subject,
    );
    const other = (await issue(5)).body;
    assert.notEqual(
      (await identify(other.auth.certificatePem)).body.subject,
      (await identify(first.auth.certificatePem)).body.subject,
    );
    const { rows } = await t.admin.query(
      'select c.status, count(*) filter (where x.status = $2)::int as good from jpki.card c join jpki.certificate x on x.card_serial = c.serial where c.serial = $1 group by c.status',
      [first.cardSerial, 'good'],
    );
    assert.deepEqual(rows, [{ status: 'superseded', good: 0 }]);
  });

  it('facts-changed revokes the signature certificate only; revoking twice is a conflict', async () => {
    const card = (await issue(6)).body;
    const changed = await post(t, `/api/staff/cards/${card.cardSerial}/facts-changed`, {
      facts: { ...taroFacts, address: '大阪府大阪市北区中之島一丁目3番20号' },
    });
    assert.equal(changed.status, 200);
    assert.deepEqual(changed.body, { revoked: [card.sign.serial] });
    const { rows } = await t.admin.query(
      'select kind, status, revocation_reason from jpki.certificate where card_serial = $1 order by kind',
      [card.cardSerial],
    );
    assert.deepEqual(rows, [
      { kind: 'auth', status: 'good', revocation_reason: null },
      { kind: 'sign', status: 'revoked', revocation_reason: 'affiliationChanged' },
    ]);
    const again = await post(t, `/api/staff/cards/${card.cardSerial}/revoke`, {
      kind: 'sign',
      reason: 'unspecified',
    });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'certificate.already_revoked');
    const auth = await post(t, `/api/staff/cards/${card.cardSerial}/revoke`, {
      kind: 'auth',
      reason: 'keyCompromise',
    });
    assert.equal(auth.status, 200);
    assert.equal(auth.body.serial, card.auth.serial);
    assert.equal(auth.body.reason, 'keyCompromise');
    const audits = await t.admin.query(
      "select count(*)::int as n from jpki.audit_event where type = 'certificate.revoked' and subject in ($1, $2)",
      [`certificate:${card.sign.serial}`, `certificate:${card.auth.serial}`],
    );
    assert.equal(audits.rows[0].n, 2);
  });

  it('refuses bad input and outsiders with typed errors and changes nothing', async () => {
    const card = (await issue(7)).body;
    const before = await countRows(t);
    const key = k[0] as CardKeys;
    const body = {
      residentRef: residentRef(8),
      facts: taroFacts,
      signCsr: key.signCsr,
      authCsr: key.authCsr,
    };
    const cases: [string, Promise<{ status: number; body: { error: { code: string } } }>, number, string][] =
      [
        [
          'malformed CSR',
          post(t, '/api/staff/cards', {
            ...body,
            signCsr: `-----BEGIN CERTIFICATE REQUEST-----\n${'A'.repeat(200)}\n-----END CERTIFICATE REQUEST-----\n`,
          }),
          400,
          'certificate.request_invalid',
        ],
        [
          'same key twice',
          post(t, '/api/staff/cards', { ...body, authCsr: key.signCsr }),
          400,
          'certificate.request_invalid',
        ],
        [
          'bad facts',
          post(t, '/api/staff/cards', { ...body, facts: { ...taroFacts, sex: 4 } }),
          400,
          'request.invalid',
        ],
        [
          'a My Number as reference',
          post(t, '/api/staff/cards', { ...body, residentRef: '123456789018' }),
          400,
          'request.invalid',
        ],
        [
          'wrong token',
          post(t, '/api/staff/cards', body, { ...staffHeaders(), authorization: `Bearer ${'x'.repeat(40)}` }),
          401,
          'auth.invalid_credentials',
        ],
        [
          'no staff id',
          post(t, '/api/staff/cards', body, {
            authorization: staffHeaders().authorization as string,
            'content-type': 'application/json',
          }),
          401,
          'auth.invalid_credentials',
        ],
        [
          'portal key on staff API',
          post(
            t,
            `/api/staff/cards/${card.cardSerial}/unlock`,
            {},
            { ...staffHeaders(), authorization: `Bearer ${portalApiKey}` },
          ),
          401,
          'auth.invalid_credentials',
        ],
        [
          'unknown card: renew',
          post(t, '/api/staff/cards/000000000000/renew', { signCsr: key.signCsr, authCsr: key.authCsr }),
          404,
          'card.not_found',
        ],
        [
          'unknown card: revoke',
          post(t, '/api/staff/cards/000000000000/revoke', { kind: 'auth', reason: 'unspecified' }),
          404,
          'card.not_found',
        ],
        ['unknown card: unlock', post(t, '/api/staff/cards/000000000000/unlock', {}), 404, 'card.not_found'],
        [
          'bad reason',
          post(t, `/api/staff/cards/${card.cardSerial}/revoke`, { kind: 'auth', reason: 'removeFromCRL' }),
          400,
          'request.invalid',
        ],
        [
          'identify with the staff token',
          post(t, '/api/rp/identify', { certificate: der64(card.auth.certificatePem) }),
          401,
          'auth.invalid_credentials',
        ],
        ['identify a signature certificate', identify(card.sign.certificatePem), 404, 'resource.not_found'],
        [
          'identify garbage',
          post(
            t,
            '/api/rp/identify',
            { certificate: 'AAAA' },
            { authorization: `Bearer ${portalApiKey}`, 'content-type': 'application/json' },
          ),
          400,
          'certificate.malformed',
        ],
      ];
    for (const [name, promise, status, code] of cases) {
      const res = await promise;
      assert.equal(res.status, status, `${name}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, code, name);
    }
    const get = await fetch(`${t.jpki.url}/api/staff/cards/000000000000`, { headers: staffHeaders() });
    assert.equal(get.status, 404);
    assert.equal((await readJson(get)).error.code, 'card.not_found');
    assert.deepEqual(await countRows(t), before);
  });
});
