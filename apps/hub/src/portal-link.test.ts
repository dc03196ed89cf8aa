/**
 * The portal link after a card login, across real apps: jpki (issues the card, answers resident-ref),
 * the hub, and an intermediate server for the municipality; then the portal's own-information permits
 * (本人開示) and its やりとり履歴 read, both signed by the portal.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { deriveKey, type ExchangeKey, parseEntry } from '@madoguchi/exchange';
import { generateMyNumber } from '@madoguchi/identifiers';
import { createTestDatabase, forEachEngine, type TestDatabase } from '@madoguchi/testing';
import {
  cardKeys,
  post as jpkiPost,
  residentRef,
  startJpki,
  type TestJpki,
  taroFacts,
} from '../../jpki/src/test-support.ts';
import { fugoOf } from './services/link-codes.ts';
import { type FakeMunicipalities, startFakeMunicipalities } from './test-support/fake-municipality.ts';
import {
  enrollAgency,
  flushLog,
  startHub,
  type TestHub,
  testHubSecrets,
} from './test-support/hub-fixture.ts';
import { signedPost } from './test-support/signed-call.ts';

const keyOf = (code: string): ExchangeKey => deriveKey('g'.repeat(40), `agency:${code}`);
const der64 = (pem: string) => Buffer.from(new X509Certificate(pem).raw).toString('base64');
const keys = cardKeys();

forEachEngine(describe, (engine) => {
  let db: TestDatabase;
  let jpki: TestJpki;
  let hub: TestHub;
  let fakes: FakeMunicipalities;
  let authCert: string;
  let otherCert: string;
  const post = (agency: string, path: string, body: unknown) =>
    signedPost(hub.url, agency, keyOf(agency).privateKey, path, body);

  before(async () => {
    jpki = await startJpki(engine);
    db = await createTestDatabase(engine);
    hub = await startHub(db, { JPKI_URL: jpki.jpki.url, JPKI_HUB_API_KEY: jpki.jpki.config.hubApiKey });
    fakes = await startFakeMunicipalities(hub.url);
    for (const code of ['131016', 'jps'])
      await enrollAgency(hub.url, code, keyOf(code).publicKeyB64, fakes.endpointOf(code));
    await enrollAgency(hub.url, 'portal', keyOf('portal').publicKeyB64, null);
    const k = await keys;
    const issue = async (n: number) => {
      const res = await issueCard(jpki, {
        residentRef: residentRef(n),
        facts: taroFacts,
        signCsr: k.signCsr,
        authCsr: k.authCsr,
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return der64(res.body.auth.certificatePem);
    };
    authCert = await issue(1);
    otherCert = await issue(2); // a resident the municipality never registered with the hub
    const reg = await post('131016', '/api/fugo/register', {
      items: [{ myNumber: generateMyNumber(Math.random), ref: 'r1' }],
    });
    assert.equal(reg.status, 200, JSON.stringify(reg.body));
    fakes.add('131016', {
      fugo: reg.body.items[0].fugo,
      residentId: residentRef(1).slice('agency:131016:'.length),
      birthDate: '1985-04-01',
      kanaName: 'ヤマダ タロウ',
    });
  });
  after(async () => {
    await fakes?.close();
    await hub?.close();
    await db?.drop();
    await jpki?.close();
  });

  it("links the card holder to the portal's link code, audited", async () => {
    const res = await post('portal', '/api/fugo/portal', { certificate: authCert });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const { rows } = await hubQuery(hub, `select person_id from fugo where agency_code = '131016'`);
    assert.equal(res.body.fugo, fugoOf(testHubSecrets.HUB_PERSON_SECRET, 'portal', rows[0].person_id));
    const again = await post('portal', '/api/fugo/portal', { certificate: authCert });
    assert.deepEqual(again.body, res.body);
    const audit = await hubQuery(
      hub,
      `select actor, subject from audit_event where type = 'fugo.portal_linked'`,
    );
    assert.equal(audit.rows.length, 2);
    assert.equal(audit.rows[0].actor, 'agency:portal');
  });

  it('refuses other agencies, unknown certificates and residents the municipality has not registered', async () => {
    assert.equal((await post('jps', '/api/fugo/portal', { certificate: authCert })).status, 403);
    const rootDer = der64(await (await fetch(`${jpki.jpki.url}/ca/root.pem`)).text());
    const unknown = await post('portal', '/api/fugo/portal', { certificate: rootDer });
    assert.equal(unknown.body.error.code, 'certificate.untrusted');
    const notLinked = await post('portal', '/api/fugo/portal', { certificate: otherCert });
    assert.equal(notLinked.status, 409);
    assert.equal(notLinked.body.error.code, 'fugo.not_linked');
  });

  it("grants the portal the person's own information (本人開示) and shows it in their history", async () => {
    const { fugo } = (await post('portal', '/api/fugo/portal', { certificate: authCert })).body;
    const res = await post('portal', '/api/permits', {
      task: 'honnin-kaiji',
      fugo,
      infoTypes: ['juminhyo', 'chihouzei', 'nenkin-kyufu'],
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(
      res.body.permits.map((p: { provider: string; infoTypes: string[] }) => [p.provider, p.infoTypes]),
      [['131016', ['juminhyo', 'chihouzei']]],
    );
    await flushLog(hub);
    const history = await post('portal', '/api/log/person/entries', { person: fugo });
    assert.equal(history.status, 200, JSON.stringify(history.body));
    const mine = history.body.entries.map((e: { entry: string }) => parseEntry(e.entry));
    assert.ok(mine.some((e: { id: string }) => e.id === res.body.permits[0].entryId));
    assert.ok(mine.every((e: { person: string }) => e.person === fugo));
  });
});

function issueCard(t: TestJpki, body: unknown) {
  return jpkiPost(t, '/api/staff/cards', body);
}

function hubQuery(hub: TestHub, text: string) {
  return hub.database.pool.query(text);
}
