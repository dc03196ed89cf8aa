import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { buildCrl } from './crl.ts';
import { buildHierarchy, type Hierarchy, openssl } from './test-hierarchy.ts';

describe('buildCrl', () => {
  let h: Hierarchy;
  before(async () => {
    h = await buildHierarchy();
  });
  after(() => h.cleanup());

  it('writes a v2 DER CRL that openssl verifies, listing revoked serials with their reasons', async () => {
    const thisUpdate = new Date('2026-01-01T00:00:00Z');
    const nextUpdate = new Date('2026-01-02T00:00:00Z');
    const oddLength = `7${randomBytes(15).toString('hex')}`; // 31 hex digits: x509 needs it padded
    const der = await buildCrl({
      issuer: h.ca,
      thisUpdate,
      nextUpdate,
      crlNumber: 42n,
      entries: [
        { serial: h.signSerial, revokedAt: new Date('2025-12-31T10:00:00Z'), reason: 'affiliationChanged' },
        { serial: h.authSerial, revokedAt: new Date('2025-12-31T11:00:00Z'), reason: 'unspecified' },
        { serial: oddLength, revokedAt: new Date('2025-12-31T12:00:00Z'), reason: 'keyCompromise' },
      ],
    });
    assert.equal(der[0], 0x30, 'DER, not PEM');
    const crlPath = h.file('sign.crl', der);
    const verified = openssl([
      'crl',
      '-inform',
      'DER',
      '-in',
      crlPath,
      '-CAfile',
      h.file('ca.pem'),
      '-noout',
      '-verify',
    ]);
    assert.ok(verified.ok, verified.out);
    assert.match(verified.out, /verify OK/);
    const text = openssl(['crl', '-inform', 'DER', '-in', crlPath, '-noout', '-text']);
    assert.ok(text.ok, text.out);
    assert.match(text.out, /Version 2/);
    assert.match(text.out, /X509v3 CRL Number:\s+42/);
    assert.match(text.out, /X509v3 Authority Key Identifier/);
    assert.match(text.out, /Next Update: Jan {2}2 00:00:00 2026 GMT/);
    const upper = (s: string) => s.toUpperCase().padStart(s.length + (s.length % 2), '0');
    const entry = (serial: string) =>
      new RegExp(
        `Serial Number: ${upper(serial)}\\s+Revocation Date: [^\\n]+\\n(\\s+CRL entry extensions:\\s+X509v3 CRL Reason Code:\\s+(\\S[^\\n]*))?`,
      );
    assert.match(text.out, entry(h.signSerial));
    assert.equal(entry(h.signSerial).exec(text.out)?.[2], 'Affiliation Changed');
    assert.equal(entry(h.authSerial).exec(text.out)?.[2], undefined, "'unspecified' is written as no reason");
    assert.equal(entry(oddLength).exec(text.out)?.[2], 'Key Compromise');
  });

  it('is rejected by openssl against another CA', async () => {
    const der = await buildCrl({
      issuer: h.ca,
      thisUpdate: new Date(),
      nextUpdate: new Date(Date.now() + 86400_000),
      crlNumber: 1,
      entries: [],
    });
    const r = openssl([
      'crl',
      '-inform',
      'DER',
      '-in',
      h.file('empty.crl', der),
      '-CAfile',
      h.file('foreign-root.pem'),
      '-noout',
      '-verify',
    ]);
    assert.ok(!r.ok || !/verify OK/.test(r.out), r.out);
  });

  it('refuses a signer that does not match the issuer certificate', async () => {
    await assert.rejects(
      buildCrl({
        issuer: { certificatePem: h.ca.certificatePem, signer: h.root.signer },
        thisUpdate: new Date(),
        nextUpdate: new Date(Date.now() + 1000),
        crlNumber: 1,
        entries: [],
      }),
      /does not hold the key/,
    );
  });
});
