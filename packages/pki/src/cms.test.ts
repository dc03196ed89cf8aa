import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { signDetached, verifyDetached } from './cms.ts';
import { PkiError } from './errors.ts';
import { keyObjectSigner } from './signer.ts';
import { buildHierarchy, type Hierarchy, openssl } from './test-hierarchy.ts';

const content = Buffer.from('申請書 — 転入届\nmadoguchi test document\n', 'utf8');

function hasCode(code: string) {
  return (err: unknown) => err instanceof PkiError && err.code === code;
}

describe('CMS detached SignedData', () => {
  let h: Hierarchy;
  let opensslCmsVerify: (sig: Buffer, data: Buffer, caFile?: string) => { ok: boolean; out: string };
  before(async () => {
    h = await buildHierarchy();
    h.file('leaf.key', h.leafKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    h.file('content.txt', content);
    // OpenSSL 3.0's `cms -verify` builds the chain from the message's certificates only (-certfile just
    // finds the signer), so a signature without the issuing CA needs it in the -CAfile bundle.
    h.file('root+ca.pem', h.root.certificatePem + h.ca.certificatePem);
    opensslCmsVerify = (sig, data, caFile = h.file('root+ca.pem')) =>
      openssl([
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        h.file('x.p7s', sig),
        '-content',
        h.file('x.bin', data),
        '-CAfile',
        caFile,
        '-out',
        h.file('x.out'),
      ]);
  });
  after(() => h.cleanup());

  it('signs so that `openssl cms -verify` succeeds without -purpose, and fails on tampered content', async () => {
    const signingTime = new Date('2026-03-04T05:06:07.890Z');
    const sig = await signDetached({
      content,
      certificatePem: h.signPem,
      signer: keyObjectSigner(h.leafKeys.privateKey),
      signingTime,
    });
    const ok = opensslCmsVerify(sig, content);
    assert.ok(ok.ok, ok.out);
    assert.match(ok.out, /Verification successful/);
    const tampered = Buffer.from(content);
    tampered[0] = (tampered[0] as number) ^ 1;
    const bad = opensslCmsVerify(sig, tampered);
    assert.ok(!bad.ok);
    assert.match(bad.out, /Verification failure/);
    const mine = await verifyDetached({ signature: sig, content });
    assert.equal(mine.signerCertificatePem, h.signPem);
    assert.deepEqual(mine.certificatesPem, [h.signPem]);
    assert.deepEqual(mine.signingTime, new Date('2026-03-04T05:06:07Z'));
    await assert.rejects(verifyDetached({ signature: sig, content: tampered }), hasCode('signature.invalid'));
  });

  it('signs a precomputed SHA-256 digest, carrying the chain (then -CAfile root.pem alone verifies)', async () => {
    const sig = await signDetached({
      contentDigest: createHash('sha256').update(content).digest(),
      certificatePem: h.signPem,
      chainPems: [h.ca.certificatePem],
      signer: keyObjectSigner(h.leafKeys.privateKey),
    });
    const ok = opensslCmsVerify(sig, content, h.file('root.pem'));
    assert.ok(ok.ok, ok.out);
    const mine = await verifyDetached({ signature: sig, content });
    assert.deepEqual(mine.certificatesPem, [h.signPem, h.ca.certificatePem]);
    assert.ok(mine.signingTime && Math.abs(mine.signingTime.getTime() - Date.now()) < 60_000);
  });

  it('is refused by openssl when the certificate comes from another root', async () => {
    const sig = await signDetached({
      content,
      certificatePem: h.foreignLeafPem,
      signer: keyObjectSigner(h.leafKeys.privateKey),
    });
    const r = opensslCmsVerify(sig, content);
    assert.ok(!r.ok, r.out);
    assert.ok(opensslCmsVerify(sig, content, h.file('foreign-root.pem')).ok);
    // …but the math is right, so verifyDetached (which leaves trust to the caller) accepts it.
    assert.equal((await verifyDetached({ signature: sig, content })).signerCertificatePem, h.foreignLeafPem);
  });

  it('accepts a detached signature made by `openssl cms -sign`', async () => {
    const out = h.file('openssl.p7s');
    const r = openssl([
      'cms',
      '-sign',
      '-binary',
      '-outform',
      'DER',
      '-in',
      h.file('content.txt'),
      '-signer',
      h.file('sign.pem'),
      '-inkey',
      h.file('leaf.key'),
      '-certfile',
      h.file('ca.pem'),
      '-md',
      'sha256',
      '-out',
      out,
    ]);
    assert.ok(r.ok, r.out);
    const sig = readFileSync(out);
    const mine = await verifyDetached({ signature: sig, content });
    assert.equal(mine.signerCertificatePem, h.signPem);
    assert.equal(mine.certificatesPem.length, 2);
    assert.ok(mine.signingTime);
    await assert.rejects(
      verifyDetached({ signature: sig, content: Buffer.from('other') }),
      hasCode('signature.invalid'),
    );
  });

  it('gives signature.invalid when the key does not match the certificate', async () => {
    const sig = await signDetached({ content, certificatePem: h.signPem, signer: h.ca.signer });
    await assert.rejects(verifyDetached({ signature: sig, content }), hasCode('signature.invalid'));
  });

  it('gives signature.malformed for garbage, truncated, huge and attached signatures', async () => {
    const sig = await signDetached({
      content,
      certificatePem: h.signPem,
      signer: keyObjectSigner(h.leafKeys.privateKey),
    });
    const attachedPath = h.file('attached.p7s');
    const r = openssl([
      'cms',
      '-sign',
      '-binary',
      '-nodetach',
      '-outform',
      'DER',
      '-in',
      h.file('content.txt'),
      '-signer',
      h.file('sign.pem'),
      '-inkey',
      h.file('leaf.key'),
      '-out',
      attachedPath,
    ]);
    assert.ok(r.ok, r.out);
    const inputs = [
      Buffer.from('garbage'),
      sig.subarray(0, sig.length - 10),
      Buffer.alloc(0),
      Buffer.alloc(100_000, 0x30),
      readFileSync(attachedPath),
      Buffer.from(h.signPem),
    ];
    for (const signature of inputs) {
      await assert.rejects(verifyDetached({ signature, content }), hasCode('signature.malformed'));
    }
  });
});
