import assert from 'node:assert/strict';
import { sign, X509Certificate } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { verifyChain, verifyRsaSha256 } from './chain.ts';
import { buildHierarchy, type Hierarchy } from './test-hierarchy.ts';

describe('verifyChain and verifyRsaSha256', () => {
  let h: Hierarchy;
  let leaf: X509Certificate;
  let issuer: X509Certificate;
  let root: X509Certificate;
  before(async () => {
    h = await buildHierarchy();
    leaf = new X509Certificate(h.authPem);
    issuer = new X509Certificate(h.ca.certificatePem);
    root = new X509Certificate(h.root.certificatePem);
  });
  after(() => h.cleanup());

  it('judges the path and the validity of all three certificates', () => {
    const now = new Date();
    assert.equal(verifyChain({ leaf, issuer, root, at: now }), 'ok');
    assert.equal(
      verifyChain({ leaf, issuer, root, at: new Date(now.getTime() - 86400_000) }),
      'not_yet_valid',
    );
    assert.equal(
      verifyChain({ leaf, issuer, root, at: new Date(now.getTime() + 400 * 86400_000) }),
      'expired',
    );
  });

  it('calls anything off the path untrusted', () => {
    const at = new Date();
    const foreignLeaf = new X509Certificate(h.foreignLeafPem);
    const foreignRoot = new X509Certificate(h.foreignRoot.certificatePem);
    const ocsp = new X509Certificate(h.ocsp.certificatePem);
    assert.equal(verifyChain({ leaf: foreignLeaf, issuer, root, at }), 'untrusted');
    assert.equal(verifyChain({ leaf, issuer, root: foreignRoot, at }), 'untrusted', 'same name, other key');
    assert.equal(verifyChain({ leaf, issuer: ocsp, root, at }), 'untrusted', 'issuer must be a CA');
    assert.equal(verifyChain({ leaf, issuer: root, root, at }), 'untrusted');
    assert.equal(verifyChain({ leaf, issuer, root: issuer, at }), 'untrusted', 'root must be self-signed');
  });

  it('verifies PKCS#1 v1.5 SHA-256 signatures, false on any mismatch', () => {
    const data = Buffer.from('madoguchi-jpki-login\nhttp://localhost:3000\nchallenge');
    const signature = sign('sha256', data, h.leafKeys.privateKey);
    assert.ok(verifyRsaSha256({ certificate: leaf, data, signature }));
    assert.ok(!verifyRsaSha256({ certificate: leaf, data: Buffer.from('other'), signature }));
    assert.ok(!verifyRsaSha256({ certificate: issuer, data, signature }));
    assert.ok(!verifyRsaSha256({ certificate: leaf, data, signature: Buffer.from('short') }));
    assert.ok(
      !verifyRsaSha256({ certificate: leaf, data, signature: sign('sha1', data, h.leafKeys.privateKey) }),
    );
  });
});
