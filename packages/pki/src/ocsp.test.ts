import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { PkiError } from './errors.ts';
import { certIdFor, certIdMatchesIssuer, sha256Oid } from './ocsp-cert-id.ts';
import { buildOcspRequest, parseOcspRequest } from './ocsp-request.ts';
import { buildOcspErrorResponse, buildOcspResponse, type OcspCertStatus } from './ocsp-response.ts';
import { readOcspResponse } from './read-ocsp-response.ts';
import { buildHierarchy, type Hierarchy, openssl } from './test-hierarchy.ts';

const hour = 3600_000;

function isOcspMalformed(err: unknown): boolean {
  return err instanceof PkiError && err.code === 'ocsp.malformed';
}

describe('OCSP', () => {
  let h: Hierarchy;
  before(async () => {
    h = await buildHierarchy();
  });
  after(() => h.cleanup());

  function respond(
    status: OcspCertStatus,
    extra: { nonce?: Buffer; now?: Date; responder?: typeof h.ocsp } = {},
  ) {
    const now = extra.now ?? new Date();
    return buildOcspResponse({
      responderCertificatePem: (extra.responder ?? h.ocsp).certificatePem,
      responderSigner: (extra.responder ?? h.ocsp).signer,
      responses: [{ certId: certIdFor(h.signPem, h.ca.certificatePem), status }],
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + hour),
      ...(extra.nonce ? { nonce: extra.nonce } : {}),
    });
  }

  it('parses requests that openssl wrote, with and without a nonce', () => {
    for (const withNonce of [true, false]) {
      const path = h.file(`req-${withNonce}.der`);
      const args = ['ocsp', '-issuer', h.file('ca.pem'), '-cert', h.file('sign.pem'), '-reqout', path];
      const r = openssl(withNonce ? args : [...args, '-no_nonce']);
      assert.ok(r.ok, r.out);
      const parsed = parseOcspRequest(readFileSync(path));
      assert.equal(parsed.certIds.length, 1);
      const [id] = parsed.certIds;
      assert.equal(id?.serial, h.signSerial);
      assert.equal(id?.hashAlgorithm, '1.3.14.3.2.26');
      assert.ok(id && certIdMatchesIssuer(id, h.ca.certificatePem));
      assert.ok(id && !certIdMatchesIssuer(id, h.root.certificatePem));
      if (withNonce) assert.equal(parsed.nonce?.byteLength, 16);
      else assert.equal(parsed.nonce, undefined);
    }
  });

  it('builds requests openssl reads', () => {
    const nonce = randomBytes(16);
    const der = buildOcspRequest({ certificatePem: h.signPem, issuerPem: h.ca.certificatePem, nonce });
    const r = openssl(['ocsp', '-reqin', h.file('own-req.der', der), '-req_text']);
    assert.ok(r.ok, r.out);
    assert.match(r.out, new RegExp(`Serial Number: 0?${h.signSerial.toUpperCase()}\\n`));
    assert.match(r.out, new RegExp(`OCSP Nonce:\\s+0410${nonce.toString('hex').toUpperCase()}`));
    assert.deepEqual(parseOcspRequest(der), { certIds: [certIdFor(h.signPem, h.ca.certificatePem)], nonce });
  });

  it('matches SHA-256 CertIDs too', () => {
    const id = certIdFor(h.signPem, h.ca.certificatePem, sha256Oid);
    assert.equal(id.issuerKeyHash.length, 64);
    assert.ok(certIdMatchesIssuer(id, h.ca.certificatePem));
    assert.ok(!certIdMatchesIssuer({ ...id, hashAlgorithm: '1.2.3.4' }, h.ca.certificatePem));
  });

  it('answers good and revoked so that openssl verifies them (-VAfile and -CAfile)', async () => {
    const revokedAt = new Date(Date.now() - hour);
    const cases: [OcspCertStatus, RegExp][] = [
      [{ status: 'good' }, /sign\.pem: good/],
      [
        { status: 'revoked', revokedAt, reason: 'keyCompromise' },
        /sign\.pem: revoked[\s\S]*Reason: keyCompromise/,
      ],
    ];
    for (const [status, expected] of cases) {
      const respPath = h.file(`resp-${status.status}.der`, await respond(status));
      const common = [
        'ocsp',
        '-respin',
        respPath,
        '-issuer',
        h.file('ca.pem'),
        '-cert',
        h.file('sign.pem'),
        '-no_nonce',
      ];
      const viaVa = openssl([...common, '-VAfile', h.file('ocsp.pem')]);
      assert.ok(viaVa.ok, viaVa.out);
      assert.match(viaVa.out, /Response verify OK/);
      assert.match(viaVa.out, expected);
      const viaCa = openssl([...common, '-CAfile', h.file('root.pem'), '-verify_other', h.file('ca.pem')]);
      assert.ok(viaCa.ok, viaCa.out);
      assert.match(viaCa.out, /Response verify OK/);
      assert.match(viaCa.out, expected);
      const text = openssl(['ocsp', '-respin', respPath, '-resp_text', '-noverify']);
      assert.match(text.out, /Responder Id: [0-9A-F]{40}/, 'responderID byKey');
    }
  });

  it('echoes the nonce of an openssl request (openssl checks it with -reqin)', async () => {
    // With -cert, openssl builds a fresh request with a new nonce, so the nonce check needs -reqin alone.
    const reqPath = h.file('nonce-req.der');
    assert.ok(
      openssl(['ocsp', '-issuer', h.file('ca.pem'), '-cert', h.file('sign.pem'), '-reqout', reqPath]).ok,
    );
    const { certIds, nonce } = parseOcspRequest(readFileSync(reqPath));
    assert.ok(nonce);
    for (const [echo, ok] of [
      [nonce, true],
      [randomBytes(16), false],
    ] as const) {
      const now = new Date();
      const der = await buildOcspResponse({
        responderCertificatePem: h.ocsp.certificatePem,
        responderSigner: h.ocsp.signer,
        responses: certIds.map((certId) => ({ certId, status: { status: 'good' } })),
        thisUpdate: now,
        nextUpdate: new Date(now.getTime() + hour),
        nonce: echo,
      });
      const r = openssl([
        'ocsp',
        '-respin',
        h.file('nonce-resp.der', der),
        '-reqin',
        reqPath,
        '-VAfile',
        h.file('ocsp.pem'),
      ]);
      if (ok) assert.match(r.out, /Response verify OK/);
      else assert.match(r.out, /Nonce Verify error/);
    }
  });

  it('is refused by openssl when trusted against another root', async () => {
    const respPath = h.file('resp-foreign.der', await respond({ status: 'good' }));
    const r = openssl([
      'ocsp',
      '-respin',
      respPath,
      '-issuer',
      h.file('ca.pem'),
      '-cert',
      h.file('sign.pem'),
      '-CAfile',
      h.file('foreign-root.pem'),
      '-no_nonce',
    ]);
    assert.doesNotMatch(r.out, /Response verify OK/);
  });

  it('reads its own responses: good, revoked with reason, unknown', async () => {
    const nonce = randomBytes(16);
    const o = { certificatePem: h.signPem, issuerPem: h.ca.certificatePem, nonce };
    const good = await readOcspResponse(await respond({ status: 'good' }, { nonce }), o);
    assert.equal(good.status, 'good');
    assert.ok(good.nextUpdate && good.nextUpdate > good.thisUpdate);
    const revokedAt = new Date('2026-01-01T00:00:00Z');
    const revoked = await readOcspResponse(
      await respond({ status: 'revoked', revokedAt, reason: 'superseded' }, { nonce }),
      o,
    );
    assert.deepEqual(
      { ...revoked, thisUpdate: undefined, nextUpdate: undefined },
      {
        status: 'revoked',
        revokedAt,
        reason: 'superseded',
        thisUpdate: undefined,
        nextUpdate: undefined,
      },
    );
    const unspecified = await readOcspResponse(
      await respond({ status: 'revoked', revokedAt, reason: 'unspecified' }, { nonce }),
      o,
    );
    assert.equal(unspecified.status === 'revoked' && unspecified.reason, 'unspecified');
    const unknown = await readOcspResponse(await respond({ status: 'unknown' }, { nonce }), o);
    assert.equal(unknown.status, 'unknown');
  });

  it('accepts a response signed by the issuer itself', async () => {
    const der = await respond({ status: 'good' }, { responder: h.ca });
    const r = await readOcspResponse(der, { certificatePem: h.signPem, issuerPem: h.ca.certificatePem });
    assert.equal(r.status, 'good');
  });

  it('rejects a missing or wrong nonce, stale and future responses, foreign responders, other certificates', async () => {
    const nonce = randomBytes(16);
    const o = { certificatePem: h.signPem, issuerPem: h.ca.certificatePem };
    const withoutNonce = await respond({ status: 'good' });
    await assert.rejects(readOcspResponse(withoutNonce, { ...o, nonce }), isOcspMalformed);
    await assert.rejects(
      readOcspResponse(await respond({ status: 'good' }, { nonce: randomBytes(16) }), { ...o, nonce }),
      isOcspMalformed,
    );
    await assert.rejects(
      readOcspResponse(await respond({ status: 'good' }, { now: new Date(Date.now() - 3 * hour) }), o),
      (e) => isOcspMalformed(e) && (e as PkiError).reason === 'response is stale',
    );
    await assert.rejects(
      readOcspResponse(await respond({ status: 'good' }, { now: new Date(Date.now() + hour) }), o),
      (e) => isOcspMalformed(e) && (e as PkiError).reason === 'thisUpdate is in the future',
    );
    // The root did not issue the certificate and is not the issuer: it may not answer for it.
    await assert.rejects(
      readOcspResponse(await respond({ status: 'good' }, { responder: h.root }), o),
      isOcspMalformed,
    );
    await assert.rejects(
      readOcspResponse(await respond({ status: 'good' }, { responder: h.foreignRoot }), o),
      isOcspMalformed,
    );
    // A response about the signature certificate says nothing about the authentication certificate.
    await assert.rejects(
      readOcspResponse(withoutNonce, { ...o, certificatePem: h.authPem }),
      isOcspMalformed,
    );
  });

  it('rejects a response whose signature was tampered with', async () => {
    const der = Buffer.from(await respond({ status: 'good' }));
    const marker = Buffer.from([0x18, 0x0f]); // GeneralizedTime of producedAt
    const at = der.indexOf(marker);
    assert.ok(at > 0);
    der[at + 5] = der[at + 5] === 0x31 ? 0x32 : 0x31; // change a digit of the year
    await assert.rejects(
      readOcspResponse(der, { certificatePem: h.signPem, issuerPem: h.ca.certificatePem }),
      (e) => isOcspMalformed(e) && (e as PkiError).reason === 'response signature does not verify',
    );
  });

  it('builds error responses openssl understands, and reads them as failures', async () => {
    for (const status of ['malformedRequest', 'internalError', 'tryLater', 'unauthorized'] as const) {
      const der = buildOcspErrorResponse(status);
      const r = openssl(['ocsp', '-respin', h.file(`err-${status}.der`, der), '-resp_text', '-noverify']);
      assert.match(r.out, new RegExp(`Responder Error: ${status}`, 'i'));
      await assert.rejects(
        readOcspResponse(der, { certificatePem: h.signPem, issuerPem: h.ca.certificatePem }),
        isOcspMalformed,
      );
    }
  });

  it('gives ocsp.malformed for garbage, truncated, empty and huge requests', () => {
    const good = buildOcspRequest({ certificatePem: h.signPem, issuerPem: h.ca.certificatePem });
    const inputs = [
      Buffer.from('not an OCSP request'),
      good.subarray(0, good.length - 5),
      Buffer.alloc(0),
      Buffer.concat([Buffer.from([0x30, 0x84, 0x00, 0x10, 0x00, 0x00]), Buffer.alloc(0x100000)]),
      Buffer.from([0x30, 0x00]),
    ];
    for (const input of inputs) assert.throws(() => parseOcspRequest(input), isOcspMalformed);
  });

  it('gives ocsp.malformed for garbage and truncated responses', async () => {
    const good = await respond({ status: 'good' });
    const o = { certificatePem: h.signPem, issuerPem: h.ca.certificatePem };
    for (const input of [
      Buffer.from('garbage'),
      good.subarray(0, 100),
      Buffer.alloc(0),
      Buffer.alloc(70_000, 0x30),
    ]) {
      await assert.rejects(readOcspResponse(input, o), isOcspMalformed);
    }
  });
});
