import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { forEachEngine } from '@madoguchi/testing';
import {
  type CardKeys,
  cardKeys,
  post,
  residentRef,
  startJpki,
  type TestJpki,
  taroFacts,
} from '../../test-support.ts';

const der64 = (pem: string) => Buffer.from(new X509Certificate(pem).raw).toString('base64');

forEachEngine(describe, (engine) => {
  let t: TestJpki;
  let k: CardKeys;
  let card: { auth: { certificatePem: string }; sign: { certificatePem: string } };

  before(async () => {
    [t, k] = await Promise.all([startJpki(engine), cardKeys()]);
    const res = await post(t, '/api/staff/cards', {
      residentRef: residentRef(7),
      facts: taroFacts,
      signCsr: k.signCsr,
      authCsr: k.authCsr,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    card = res.body;
  });
  after(async () => {
    await t.close();
  });

  const ask = (certificate: string, token = t.jpki.config.hubApiKey) =>
    post(
      t,
      '/api/hub/resident-ref',
      { certificate },
      { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    );

  it("answers the hub with the holder's municipality and resident id, audited", async () => {
    const res = await ask(der64(card.auth.certificatePem));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, {
      municipalityCode: '131016',
      residentId: residentRef(7).slice('agency:131016:'.length),
    });
    const { rows } = await t.admin.query(
      `select actor, detail from jpki.audit_event where type = 'certificate.identified' order by id desc limit 1`,
    );
    assert.equal(rows[0].actor, 'system:hub');
    assert.equal(rows[0].detail.relyingParty, 'hub');
  });

  it('needs the hub key (not the portal key) and answers only for authentication certificates it issued', async () => {
    assert.equal((await ask(der64(card.auth.certificatePem), t.jpki.config.portalApiKey)).status, 401);
    assert.equal((await ask(der64(card.sign.certificatePem))).status, 404);
    const rootDer = der64(await (await fetch(`${t.jpki.url}/ca/root.pem`)).text());
    assert.equal((await ask(rootDer)).status, 404);
  });
});
