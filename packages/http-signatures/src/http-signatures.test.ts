import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  contentDigest,
  jwkThumbprint,
  keysFromJwks,
  publicJwk,
  signatureBase,
  signRequest,
  verifyRequest,
} from './index.ts';

// RFC 9421 Appendix B.1.4 test-key-ed25519.
const rfcPrivate = createPrivateKey(
  '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----\n',
);
const rfcPublic = createPublicKey(
  '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=\n-----END PUBLIC KEY-----\n',
);
// RFC 9421 Appendix B.2, the test request.
const rfcUrl = 'https://example.com/foo?param=Value&Pet=dog';
const rfcBody = '{"hello": "world"}';
const rfcHeaders = {
  host: 'example.com',
  date: 'Tue, 20 Apr 2021 02:07:55 GMT',
  'content-type': 'application/json',
  'content-digest':
    'sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
  'content-length': '18',
};
const b26Components = ['date', '@method', '@path', '@authority', 'content-type', 'content-length'];
const b26Input =
  'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"';
const b26Signature =
  'sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:';

describe('RFC 9421 Appendix B.2.6 (ed25519) interop', () => {
  it('produces the published signature base, Signature-Input and Signature', () => {
    const base = signatureBase(
      b26Components,
      '("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
      { method: 'POST', url: rfcUrl, headers: rfcHeaders },
    );
    assert.equal(
      base,
      [
        '"date": Tue, 20 Apr 2021 02:07:55 GMT',
        '"@method": POST',
        '"@path": /foo',
        '"@authority": example.com',
        '"content-type": application/json',
        '"content-length": 18',
        '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
      ].join('\n'),
    );
    const out = signRequest({
      method: 'POST',
      url: rfcUrl,
      headers: rfcHeaders,
      body: rfcBody,
      keyId: 'test-key-ed25519',
      privateKey: rfcPrivate,
      created: 1618884473,
      label: 'sig-b26',
      components: b26Components,
      includeAlg: false,
      includeDigest: false,
    });
    assert.equal(out['signature-input'], b26Input);
    assert.equal(out.signature, b26Signature);
    assert.equal(out['content-digest'], undefined);
  });

  it('verifies the published example and its sha-512 Content-Digest', () => {
    const r = verifyRequest({
      method: 'POST',
      url: rfcUrl,
      headers: { ...rfcHeaders, 'signature-input': b26Input, signature: b26Signature },
      body: rfcBody,
      keys: (kid) => (kid === 'test-key-ed25519' ? rfcPublic : undefined),
      label: 'sig-b26',
      requiredComponents: ['@method', '@authority', '@path'],
      now: new Date(1618884473_000),
    });
    assert.deepEqual(r, {
      ok: true,
      label: 'sig-b26',
      keyId: 'test-key-ed25519',
      created: 1618884473,
      components: b26Components,
    });
    // The RFC's Content-Digest is the sha-512 of the body: our digest checker agrees.
    assert.equal(contentDigest(rfcBody, 'sha-512'), rfcHeaders['content-digest']);
  });
});

describe('webhook profile (docs/notices.md)', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const kid = jwkThumbprint(publicKey);
  const url = 'http://localhost:3040/webhooks/madoguchi';
  const body = JSON.stringify({ deliveryId: 'd-1', mailboxId: 'm-1', notice: { title: 'お知らせ' } });
  const at = new Date('2026-07-01T00:00:00Z');
  const base = { 'content-type': 'application/json', 'idempotency-key': 'd-1' };
  const signed = signRequest({
    method: 'POST',
    url,
    headers: base,
    body,
    keyId: kid,
    privateKey,
    created: at,
  });
  const headers = { ...base, ...signed };
  const check = (o: Partial<Parameters<typeof verifyRequest>[0]> = {}) =>
    verifyRequest({
      method: 'POST',
      url,
      headers,
      body,
      keys: (k) => (k === kid ? publicKey : undefined),
      now: at,
      ...o,
    });

  it('signs sig1 over the four components with created, keyid and alg, and verifies', () => {
    assert.equal(
      signed['signature-input'],
      `sig1=("@method" "@target-uri" "content-digest" "idempotency-key");created=${at.getTime() / 1000};keyid="${kid}";alg="ed25519"`,
    );
    assert.match(signed['content-digest'] ?? '', /^sha-256=:[A-Za-z0-9+/]{43}=:$/);
    const r = check();
    assert.equal(r.ok, true);
    assert.equal(r.ok && r.keyId, kid);
    // Header names are case-insensitive and a fetch Headers works too.
    assert.equal(check({ headers: new Headers(headers) }).ok, true);
  });

  it('rejects tampering with each covered part, naming the reason', () => {
    const reason = (o: Partial<Parameters<typeof verifyRequest>[0]>) => {
      const r = check(o);
      return r.ok ? 'ok' : r.reason;
    };
    assert.equal(reason({ body: body.replace('m-1', 'm-2') }), 'bad_digest');
    assert.equal(
      reason({
        body: body.replace('m-1', 'm-2'),
        headers: { ...headers, 'content-digest': contentDigest(body.replace('m-1', 'm-2')) },
      }),
      'bad_signature',
    );
    assert.equal(reason({ headers: { ...headers, 'idempotency-key': 'd-2' } }), 'bad_signature');
    assert.equal(reason({ method: 'PUT' }), 'bad_signature');
    assert.equal(reason({ url: 'http://localhost:3041/webhooks/madoguchi' }), 'bad_signature');
    assert.equal(
      reason({ headers: { ...headers, signature: signed.signature.replace(/[A-Z]/, 'a') } }),
      'bad_signature',
    );
    assert.equal(reason({ keys: () => undefined }), 'unknown_key');
    assert.equal(reason({ keys: () => generateKeyPairSync('ed25519').publicKey }), 'bad_signature');
    assert.equal(reason({ now: new Date(at.getTime() + 301_000) }), 'expired');
    assert.equal(reason({ now: new Date(at.getTime() - 301_000) }), 'expired');
    assert.equal(reason({ now: new Date(at.getTime() + 299_000) }), 'ok');
    assert.equal(reason({ headers: base }), 'missing');
    assert.equal(reason({ headers: { ...headers, 'signature-input': 'sig1=(' } }), 'malformed');
    assert.equal(reason({ headers: { ...headers, signature: 'sig1=:not base64!:' } }), 'malformed');
    assert.equal(reason({ label: 'sig2' }), 'missing');
    const { 'idempotency-key': _drop, ...noKey } = headers;
    assert.equal(reason({ headers: noKey }), 'malformed');
  });

  it('refuses a signature that leaves out a required component', () => {
    const partial = signRequest({
      method: 'POST',
      url,
      headers: base,
      body,
      keyId: kid,
      privateKey,
      created: at,
      components: ['@method', '@target-uri', 'content-digest'],
    });
    const r = check({ headers: { ...base, ...partial } });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.reason, 'malformed');
  });

  it('refuses to sign with a non-Ed25519 key or without the idempotency key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    assert.throws(() =>
      signRequest({ method: 'POST', url, headers: base, body, keyId: kid, privateKey: rsa }),
    );
    assert.throws(() => signRequest({ method: 'POST', url, headers: {}, body, keyId: kid, privateKey }));
  });
});

describe('JWKS', () => {
  it('computes the RFC 8037 Appendix A.3 thumbprint', () => {
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' },
      format: 'jwk',
    });
    assert.equal(jwkThumbprint(key), 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
  });

  it('publishes only the public half and reads it back by kid', () => {
    const jwk = publicJwk(rfcPrivate, 'test-key-ed25519');
    assert.deepEqual(jwk, {
      kty: 'OKP',
      crv: 'Ed25519',
      x: 'JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs',
      kid: 'test-key-ed25519',
      use: 'sig',
      alg: 'EdDSA',
    });
    const keys = keysFromJwks({
      keys: [
        jwk,
        { kty: 'RSA', kid: 'rsa', n: 'x', e: 'AQAB' },
        { ...jwk, kid: 'with-d', d: 'secret' },
        { ...jwk, kid: 'short', x: 'abc' },
        'junk',
      ],
    });
    assert.deepEqual([...keys.keys()], ['test-key-ed25519']);
    assert.ok(keys.get('test-key-ed25519')?.equals(rfcPublic));
    assert.equal(keysFromJwks(null).size, 0);
    assert.equal(keysFromJwks({ keys: 'x' }).size, 0);
    assert.equal(publicJwk(rfcPublic).kid, jwkThumbprint(rfcPublic));
  });
});
