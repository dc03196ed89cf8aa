import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { buildOcspRequest, readOcspResponse } from '@madoguchi/pki';
import { forEachEngine } from '@madoguchi/testing';
import {
  type CardKeys,
  cardKeys,
  openssl,
  opensslAsync,
  post,
  residentRef,
  startJpki,
  type TestJpki,
  taroFacts,
  writeTemp,
} from './test-support.ts';

const keys = cardKeys();
/** OCSPResponse { responseStatus malformedRequest (1) } */
const malformedRequest = Buffer.from('30030a0101', 'hex');

forEachEngine(describe, (engine) => {
  let t: TestJpki;
  let card: {
    cardSerial: string;
    sign: { serial: string; certificatePem: string };
    auth: { serial: string; certificatePem: string };
  };
  let files: { sign: string; auth: string; root: string; signCa: string; authCa: string };

  before(async () => {
    const [started, k] = await Promise.all([startJpki(engine), keys as Promise<CardKeys>]);
    t = started;
    const res = await post(t, '/api/staff/cards', {
      residentRef: residentRef(1),
      facts: taroFacts,
      signCsr: k.signCsr,
      authCsr: k.authCsr,
    });
    assert.equal(res.status, 201);
    card = res.body;
    files = {
      sign: writeTemp(t, 'leaf-sign.pem', card.sign.certificatePem),
      auth: writeTemp(t, 'leaf-auth.pem', card.auth.certificatePem),
      root: `${t.dir}/root.pem`,
      signCa: `${t.dir}/sign.pem`,
      authCa: `${t.dir}/auth.pem`,
    };
  });
  after(async () => {
    await t.close();
  });

  const fetchCrl = async (kind: 'sign' | 'auth') => {
    const res = await fetch(`${t.jpki.url}/crl/${kind}.crl`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pkix-crl');
    return writeTemp(t, `${kind}-${Date.now()}.crl`, Buffer.from(await res.arrayBuffer()));
  };

  // The openssl client checks the responder's signature and delegation itself; it must say so.
  const ocsp = async (leaf: string, issuer: string) => {
    const out = await opensslAsync([
      'ocsp',
      '-issuer',
      issuer,
      '-cert',
      leaf,
      '-url',
      `${t.jpki.url}/ocsp`,
      '-CAfile',
      files.root,
    ]);
    assert.match(out, /Response verify OK/);
    return out;
  };

  // Without a nonce the responder may reuse a signed answer; a revocation must still show at once.
  const statusWithoutNonce = async () => {
    const issuerPem = await (await fetch(`${t.jpki.url}/ca/sign.pem`)).text();
    const res = await fetch(`${t.jpki.url}/ocsp`, {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request' },
      body: buildOcspRequest({ certificatePem: card.sign.certificatePem, issuerPem }),
    });
    const der = Buffer.from(await res.arrayBuffer());
    return (await readOcspResponse(der, { certificatePem: card.sign.certificatePem, issuerPem })).status;
  };

  it('answers good over HTTP to the openssl client, with its nonce', async () => {
    assert.equal(await statusWithoutNonce(), 'good');
    assert.equal(await statusWithoutNonce(), 'good');
    assert.match(await ocsp(files.sign, files.signCa), /: good/);
    assert.match(await ocsp(files.auth, files.authCa), /: good/);
  });

  it('publishes CRLs that openssl verifies, and lists a revoked serial after revocation', async () => {
    const empty = await fetchCrl('sign');
    const text = openssl(['crl', '-inform', 'DER', '-in', empty, '-CAfile', files.signCa, '-noout', '-text']);
    assert.match(text, /No Revoked Certificates/);
    assert.match(text, /X509v3 CRL Number/);

    const revoked = await post(t, `/api/staff/cards/${card.cardSerial}/revoke`, {
      kind: 'sign',
      reason: 'keyCompromise',
    });
    assert.equal(revoked.status, 200);
    const file = await fetchCrl('sign');
    const verify = await opensslAsync([
      'crl',
      '-inform',
      'DER',
      '-in',
      file,
      '-CAfile',
      files.signCa,
      '-noout',
      '-verify',
    ]);
    assert.match(verify, /verify OK/);
    const listed = openssl(['crl', '-inform', 'DER', '-in', file, '-noout', '-text']);
    assert.ok(listed.toLowerCase().includes(card.sign.serial), listed);
    assert.match(listed, /Key Compromise/);
    const numbers = [...`${text}\n${listed}`.matchAll(/CRL Number: \n\s+(\d+)/g)].map((m) => Number(m[1]));
    assert.equal(numbers.length, 2);
    assert.ok((numbers[1] as number) > (numbers[0] as number), `CRL numbers grow: ${numbers}`);
    // The authentication CA's CRL does not list it.
    const authCrl = openssl(['crl', '-inform', 'DER', '-in', await fetchCrl('auth'), '-noout', '-text']);
    assert.ok(!authCrl.toLowerCase().includes(card.sign.serial));
  });

  it('answers revoked to openssl after revocation, the other certificate still good', async () => {
    assert.equal(await statusWithoutNonce(), 'revoked');
    const out = await ocsp(files.sign, files.signCa);
    assert.match(out, /: revoked/);
    assert.match(out, /Reason: keyCompromise/);
    assert.match(await ocsp(files.auth, files.authCa), /: good/);
  });

  it('answers the GET form, echoes the nonce, and says unknown for a serial under the wrong CA', async () => {
    const nonce = randomBytes(16);
    const request = buildOcspRequest({
      certificatePem: card.auth.certificatePem,
      issuerPem: await (await fetch(`${t.jpki.url}/ca/auth.pem`)).text(),
      nonce,
    });
    const res = await fetch(`${t.jpki.url}/ocsp/${encodeURIComponent(request.toString('base64'))}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/ocsp-response');
    const issuerPem = await (await fetch(`${t.jpki.url}/ca/auth.pem`)).text();
    const status = await readOcspResponse(Buffer.from(await res.arrayBuffer()), {
      certificatePem: card.auth.certificatePem,
      issuerPem,
      nonce,
    });
    assert.equal(status.status, 'good');

    // The sign serial asked under the authentication CA: not a certificate that CA issued.
    const wrong = await opensslAsync([
      'ocsp',
      '-issuer',
      files.authCa,
      '-serial',
      `0x${card.sign.serial}`,
      '-url',
      `${t.jpki.url}/ocsp`,
      '-CAfile',
      files.root,
    ]);
    assert.match(wrong, /Response verify OK/);
    assert.match(wrong, /: unknown/);
  });

  it('answers malformedRequest to garbage, by POST and by GET', async () => {
    const post1 = await fetch(`${t.jpki.url}/ocsp`, {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request' },
      body: randomBytes(64),
    });
    assert.equal(post1.status, 200);
    assert.deepEqual(Buffer.from(await post1.arrayBuffer()), malformedRequest);
    const get1 = await fetch(`${t.jpki.url}/ocsp/${encodeURIComponent(randomBytes(40).toString('base64'))}`);
    assert.deepEqual(Buffer.from(await get1.arrayBuffer()), malformedRequest);
    const tooLarge = await fetch(`${t.jpki.url}/ocsp`, {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request' },
      body: randomBytes(70 * 1024),
    });
    assert.equal(tooLarge.status, 413);
  });
});
