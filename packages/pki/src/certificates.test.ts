import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { issueSignatureCertificate, parseCertificate, serialOf } from './certificates.ts';
import { createCsr, readCsr } from './csr.ts';
import { PkiError } from './errors.ts';
import { readBasicFacts } from './facts.ts';
import { encryptPrivateKey, fileKeySigner, newSerial } from './signer.ts';
import { buildHierarchy, facts, type Hierarchy, openssl, urls } from './test-hierarchy.ts';

function hasCode(code: string) {
  return (err: unknown) => err instanceof PkiError && err.code === code;
}

describe('certificates', () => {
  let h: Hierarchy;
  before(async () => {
    h = await buildHierarchy();
  });
  after(() => h.cleanup());

  it('builds a hierarchy that `openssl verify` accepts', () => {
    for (const leaf of ['sign.pem', 'auth.pem', 'ocsp.pem']) {
      const r = openssl([
        'verify',
        '-CAfile',
        h.file('root.pem'),
        '-untrusted',
        h.file('ca.pem'),
        h.file(leaf),
      ]);
      assert.ok(r.ok, r.out);
      assert.match(r.out, /: OK/);
    }
    const foreign = openssl([
      'verify',
      '-CAfile',
      h.file('root.pem'),
      '-untrusted',
      h.file('ca.pem'),
      h.file('foreign-leaf.pem'),
    ]);
    assert.ok(!foreign.ok);
  });

  it('writes the CA profiles', () => {
    const root = openssl(['x509', '-in', h.file('root.pem'), '-noout', '-text']).out;
    assert.match(root, /Basic Constraints: critical\s+CA:TRUE\n/);
    assert.match(root, /Key Usage: critical\s+Certificate Sign, CRL Sign/);
    assert.match(root, /Subject Key Identifier/);
    const ca = openssl(['x509', '-in', h.file('ca.pem'), '-noout', '-text', '-nameopt', 'utf8']).out;
    assert.match(ca, /Subject: C=JP, O=madoguchi, CN=madoguchi JPKI Signature CA \(署名用\)/);
    assert.match(ca, /Basic Constraints: critical\s+CA:TRUE, pathlen:0/);
    assert.match(ca, /Key Usage: critical\s+Certificate Sign, CRL Sign/);
    assert.match(ca, /Authority Key Identifier/);
    const ocsp = openssl(['x509', '-in', h.file('ocsp.pem'), '-noout', '-text']).out;
    assert.match(ocsp, /Key Usage: critical\s+Digital Signature\n/);
    assert.match(ocsp, /Extended Key Usage:\s+OCSP Signing/);
    assert.match(ocsp, /OCSP No Check/);
    assert.match(ocsp, /CA:FALSE/);
  });

  it('writes the signature certificate profile with the facts as UTF8String otherNames', () => {
    const t = openssl(['x509', '-in', h.file('sign.pem'), '-noout', '-text', '-nameopt', 'utf8']).out;
    assert.match(t, /Subject: C=JP, CN=MC0000000001-S\n/);
    assert.match(t, /Key Usage: critical\s+Digital Signature, Non Repudiation\n/);
    assert.match(t, /Basic Constraints: critical\s+CA:FALSE/);
    assert.match(t, /Policy: 1\.2\.392\.200149\.8\.5\.1\.1\.10/);
    assert.match(t, /URI:http:\/\/127\.0\.0\.1:3004\/crl\/sign\.crl/);
    assert.match(t, /OCSP - URI:http:\/\/127\.0\.0\.1:3004\/ocsp/);
    assert.match(t, /Subject Key Identifier/);
    assert.match(t, /Authority Key Identifier/);
    assert.match(t, /othername: 1\.2\.392\.200149\.8\.5\.5\.1::髙橋　花子/);
    assert.match(t, /othername: 1\.2\.392\.200149\.8\.5\.5\.2::,/);
    assert.match(t, /othername: 1\.2\.392\.200149\.8\.5\.5\.3::2,/);
    assert.match(t, /othername: 1\.2\.392\.200149\.8\.5\.5\.4::419890108,/);
    assert.match(
      t,
      /othername: 1\.2\.392\.200149\.8\.5\.5\.5::東京都千代田区霞が関１丁目１番１号　中央合同庁舎,/,
    );
    assert.match(t, /othername: 1\.2\.392\.200149\.8\.5\.5\.6::\n/);
    // readBasicFacts accepts UTF8String values only, so the round trip also checks the string type.
    assert.deepEqual(readBasicFacts(h.signPem), facts);
    assert.deepEqual(readBasicFacts(new X509Certificate(h.signPem).raw), facts);
  });

  it('writes the authentication certificate profile without facts', () => {
    const t = openssl(['x509', '-in', h.file('auth.pem'), '-noout', '-text', '-nameopt', 'utf8']).out;
    assert.match(t, /Subject: C=JP, CN=MC0000000001-A\n/);
    assert.match(t, /Key Usage: critical\s+Digital Signature\n/);
    assert.match(t, /Policy: 1\.2\.392\.200149\.8\.5\.1\.3\.10/);
    assert.doesNotMatch(t, /Subject Alternative Name/);
    assert.equal(readBasicFacts(h.authPem), undefined);
  });

  it('refuses facts that would not round-trip and card serials that would add RDNs', async () => {
    const base = {
      issuer: h.ca,
      publicKey: h.leafKeys.publicKey,
      serial: newSerial(),
      cardSerial: 'MC1',
      notBefore: new Date(),
      notAfter: new Date(Date.now() + 1000),
      urls,
    };
    await assert.rejects(
      issueSignatureCertificate({ ...base, facts: { ...facts, familyName: '山田\u3000' } }),
      hasCode('request.invalid'),
    );
    await assert.rejects(
      issueSignatureCertificate({ ...base, facts: { ...facts, birthDate: '1850-01-01' } }),
      hasCode('request.invalid'),
    );
    await assert.rejects(issueSignatureCertificate({ ...base, cardSerial: 'X, O=evil', facts }), TypeError);
  });

  it('keeps serials as lowercase hex without leading zeros', () => {
    for (let i = 0; i < 200; i++) {
      const s = newSerial();
      assert.match(s, /^[1-9a-f][0-9a-f]{0,31}$/);
      assert.ok(Number.parseInt(s.padStart(32, '0').slice(0, 1), 16) < 8, 'top bit cleared');
    }
    assert.equal(serialOf(parseCertificate(h.signPem)), h.signSerial);
    assert.equal(serialOf(parseCertificate(new X509Certificate(h.authPem).raw)), h.authSerial);
  });

  it('gives certificate.malformed for garbage, truncated and huge input', () => {
    const der = new X509Certificate(h.signPem).raw;
    for (const input of [
      Buffer.from('garbage'),
      der.subarray(0, 200),
      Buffer.alloc(0),
      Buffer.alloc(17 * 1024, 0x30),
      'x'.repeat(20_000),
      '',
    ]) {
      assert.throws(() => parseCertificate(input), hasCode('certificate.malformed'));
    }
  });

  it('creates CSRs that openssl verifies and reads its own and openssl ones', async () => {
    const csr = await createCsr(h.leafKeys);
    const r = openssl(['req', '-in', h.file('own.csr', csr), '-verify', '-noout']);
    assert.ok(r.ok, r.out);
    assert.match(r.out, /verify OK/i);
    const { publicKey } = await readCsr(csr);
    assert.ok(publicKey.equals(h.leafKeys.publicKey));
    h.file('leaf.key', h.leafKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    const made = openssl([
      'req',
      '-new',
      '-key',
      h.file('leaf.key'),
      '-subj',
      '/CN=card',
      '-sha256',
      '-out',
      h.file('openssl.csr'),
    ]);
    assert.ok(made.ok, made.out);
    assert.ok(
      (await readCsr(readFileSync(h.file('openssl.csr'), 'utf8'))).publicKey.equals(h.leafKeys.publicKey),
    );
  });

  it('gives certificate.request_invalid for bad CSRs', async () => {
    const csr = await createCsr(h.leafKeys);
    const weak = openssl([
      'req',
      '-new',
      '-newkey',
      'rsa:1024',
      '-nodes',
      '-keyout',
      h.file('weak.key'),
      '-subj',
      '/CN=w',
      '-out',
      h.file('weak.csr'),
    ]);
    assert.ok(weak.ok, weak.out);
    const sha1 = openssl([
      'req',
      '-new',
      '-key',
      h.file('leaf.key'),
      '-subj',
      '/CN=card',
      '-sha1',
      '-out',
      h.file('sha1.csr'),
    ]);
    assert.ok(sha1.ok, sha1.out);
    const body = csr.split('\n').slice(1, -2).join('');
    const flipped = Buffer.from(body, 'base64');
    flipped[flipped.length - 5] = (flipped[flipped.length - 5] as number) ^ 0xff;
    const inputs = [
      'garbage',
      '',
      csr.slice(0, 300),
      `-----BEGIN CERTIFICATE REQUEST-----\n${'A'.repeat(20_000)}\n-----END CERTIFICATE REQUEST-----\n`,
      `-----BEGIN CERTIFICATE REQUEST-----\n${flipped.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`,
      readFileSync(h.file('weak.csr'), 'utf8'),
      readFileSync(h.file('sha1.csr'), 'utf8'),
      h.signPem,
    ];
    for (const input of inputs)
      await assert.rejects(readCsr(input), hasCode('certificate.request_invalid'), input.slice(0, 40));
  });

  it('encrypts keys under a passphrase that openssl and fileKeySigner accept, and refuses a wrong one', async () => {
    const pem = encryptPrivateKey(h.leafKeys.privateKey, 'correct horse');
    assert.match(pem, /BEGIN ENCRYPTED PRIVATE KEY/);
    const r = openssl(['pkey', '-in', h.file('enc.key', pem), '-passin', 'pass:correct horse', '-noout']);
    assert.ok(r.ok, r.out);
    const signer = fileKeySigner(pem, 'correct horse');
    assert.ok(signer.publicKey.equals(h.leafKeys.publicKey));
    assert.throws(() => fileKeySigner(pem, 'wrong'));
    assert.ok(createPrivateKey({ key: pem, passphrase: 'correct horse' }).equals(h.leafKeys.privateKey));
  });
});
