import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { keyObjectSigner, signDetached } from '@madoguchi/pki';
import { forEachEngine } from '@madoguchi/testing';
import {
  type CardKeys,
  cardKeys,
  countRows,
  openssl,
  post,
  residentRef,
  startJpki,
  type TestJpki,
  taroFacts,
  verifierApiKey,
  writeTemp,
} from './test-support.ts';

const keys = cardKeys();
const headers = { authorization: `Bearer ${verifierApiKey}`, 'content-type': 'application/json' };
const content = Buffer.from('申請書 (application form) — madoguchi verification test\n');

forEachEngine(describe, (engine) => {
  let t: TestJpki;
  let k: CardKeys;
  let card: { cardSerial: string; sign: { serial: string; certificatePem: string } };
  let signCaPem: string;

  before(async () => {
    [t, k] = await Promise.all([startJpki(engine), keys]);
    const res = await post(t, '/api/staff/cards', {
      residentRef: residentRef(1),
      facts: taroFacts,
      signCsr: k.signCsr,
      authCsr: k.authCsr,
    });
    assert.equal(res.status, 201);
    card = res.body;
    signCaPem = res.body.chain.signCaPem;
  });
  after(async () => {
    await t.close();
  });

  const sign = (data: Buffer, signingTime?: Date) =>
    signDetached({
      content: data,
      certificatePem: card.sign.certificatePem,
      chainPems: [signCaPem],
      signer: keyObjectSigner(k.sign.privateKey),
      ...(signingTime ? { signingTime } : {}),
    });
  const verify = (signature: Buffer, data: Buffer = content) =>
    post(
      t,
      '/api/verify',
      { signature: signature.toString('base64'), content: data.toString('base64') },
      headers,
    );

  it('verifies a pki-made signature and returns the facts, audited', async () => {
    const res = await verify(await sign(content));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.valid, true);
    assert.deepEqual(res.body.signer, taroFacts);
    assert.equal(res.body.certificate.serial, card.sign.serial);
    assert.equal(res.body.certificate.statusAtSigning, 'good');
    assert.ok(Math.abs(Date.parse(res.body.signedAt) - Date.now()) < 60_000);
    const { rows } = await t.admin.query(
      "select actor, subject from jpki.audit_event where type = 'signature.verified'",
    );
    assert.deepEqual(rows, [{ actor: 'system:verifier', subject: `certificate:${card.sign.serial}` }]);
  });

  it('verifies a signature made by openssl cms', async () => {
    const key = writeTemp(
      t,
      'sign.key',
      k.sign.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    );
    const cert = writeTemp(t, 'sign-leaf.pem', card.sign.certificatePem);
    const data = writeTemp(t, 'content.txt', content);
    const out = `${t.dir}/content.p7s`;
    openssl([
      'cms',
      '-sign',
      '-binary',
      '-in',
      data,
      '-signer',
      cert,
      '-inkey',
      key,
      '-outform',
      'DER',
      '-out',
      out,
      '-md',
      'sha256',
    ]);
    const res = await verify(readFileSync(out));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.signer, taroFacts);
  });

  it('refuses tampered content, garbage, a foreign CA and a wrong key, writing no audit row', async () => {
    const before = await countRows(t);
    const tampered = await verify(await sign(content), Buffer.from(`${content.toString()}!`));
    assert.equal(tampered.status, 422);
    assert.equal(tampered.body.error.code, 'signature.invalid');

    const garbage = await verify(Buffer.from('not a CMS structure at all'));
    assert.equal(garbage.status, 400);
    assert.equal(garbage.body.error.code, 'signature.malformed');

    // A CA of its own making, with the same subject name as ours: the chain check must still refuse it.
    const caKey = writeTemp(
      t,
      'foreign-ca.key',
      k.auth.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    );
    const caCert = `${t.dir}/foreign-ca.pem`;
    openssl([
      'req',
      '-x509',
      '-new',
      '-key',
      caKey,
      '-out',
      caCert,
      '-days',
      '30',
      '-subj',
      '/C=JP/O=madoguchi/OU=JPKI/CN=madoguchi JPKI Signature CA',
    ]);
    const leafKey = writeTemp(
      t,
      'foreign-leaf.key',
      k.sign.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    );
    const csr = `${t.dir}/foreign.csr`;
    openssl(['req', '-new', '-key', leafKey, '-out', csr, '-subj', `/C=JP/CN=${card.cardSerial}-S`]);
    const leaf = `${t.dir}/foreign-leaf.pem`;
    openssl([
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      caCert,
      '-CAkey',
      caKey,
      '-set_serial',
      `0x${card.sign.serial}`,
      '-out',
      leaf,
      '-days',
      '30',
    ]);
    const data = writeTemp(t, 'content2.txt', content);
    const p7s = `${t.dir}/foreign.p7s`;
    openssl([
      'cms',
      '-sign',
      '-binary',
      '-in',
      data,
      '-signer',
      leaf,
      '-inkey',
      leafKey,
      '-outform',
      'DER',
      '-out',
      p7s,
      '-md',
      'sha256',
    ]);
    const foreign = await verify(readFileSync(p7s));
    assert.equal(foreign.status, 401);
    assert.equal(foreign.body.error.code, 'certificate.untrusted');

    const wrongKey = await post(
      t,
      '/api/verify',
      { signature: 'AAAA', content: 'AAAA' },
      { ...headers, authorization: `Bearer ${'q'.repeat(40)}` },
    );
    assert.equal(wrongKey.status, 401);
    assert.equal(wrongKey.body.error.code, 'auth.invalid_credentials');
    assert.deepEqual(await countRows(t), before);
  });

  it('a signature made before revocation stays valid; one made after is certificate.revoked', async () => {
    // CMS signingTime has whole seconds; the revocation that follows is later than it in any case.
    const earlier = await sign(content);
    const revoked = await post(t, `/api/staff/cards/${card.cardSerial}/revoke`, {
      kind: 'sign',
      reason: 'keyCompromise',
    });
    assert.equal(revoked.status, 200);
    const later = await verify(await sign(content, new Date(Date.now() + 1000)));
    assert.equal(later.status, 401);
    assert.equal(later.body.error.code, 'certificate.revoked');
    const stillValid = await verify(earlier);
    assert.equal(stillValid.status, 200, JSON.stringify(stillValid.body));
    assert.equal(stillValid.body.certificate.statusAtSigning, 'good');
  });
});
