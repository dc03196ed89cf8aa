import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveKey, keyFromSeed, publicKeyFromB64 } from './keys.ts';
import { NonceCache, SIGNATURE_WINDOW_SECONDS, signRequest, verifySignedRequest } from './signed-request.ts';

const agency = deriveKey('s'.repeat(40), 'agency:131016');
const other = deriveKey('s'.repeat(40), 'agency:131121');
const body = JSON.stringify({ items: [{ myNumber: '123456789018', ref: 'a' }] });
const path = '/api/fugo/register';
const now = new Date('2025-04-01T00:00:00Z');

function check(
  headers: Record<string, string>,
  o: { body?: string; path?: string; method?: string; at?: Date; nonces?: NonceCache } = {},
) {
  return verifySignedRequest({
    headers,
    method: o.method ?? 'POST',
    path: o.path ?? path,
    body: o.body ?? body,
    keyOf: (a) => (a === '131016' ? agency.publicKey : undefined),
    nonces: o.nonces ?? new NonceCache(),
    now: o.at ?? now,
  });
}
const sign = (at = now) =>
  signRequest({ agency: '131016', key: agency.privateKey, method: 'POST', path, body, now: at });

describe('keys', () => {
  it('derives one stable key per label and round-trips the registry encoding', () => {
    assert.equal(deriveKey('s'.repeat(40), 'agency:131016').publicKeyB64, agency.publicKeyB64);
    assert.notEqual(agency.publicKeyB64, other.publicKeyB64);
    assert.equal(Buffer.from(agency.publicKeyB64, 'base64').length, 32);
    const parsed = publicKeyFromB64(agency.publicKeyB64);
    assert.ok(parsed.equals(agency.publicKey));
    assert.throws(() => publicKeyFromB64(Buffer.alloc(31).toString('base64')), TypeError);
    assert.throws(() => publicKeyFromB64(`${agency.publicKeyB64.slice(0, -1)}*`), TypeError);
    assert.throws(() => keyFromSeed(new Uint8Array(31)), TypeError);
  });
});

describe('signed requests', () => {
  it('accepts a request signed over the exact bytes, method and path', () => {
    assert.deepEqual(check(sign()), { ok: true, agency: '131016' });
    // Bytes, not strings: a Buffer of the same text verifies the same.
    assert.equal(check(sign(), { body: Buffer.from(body) as unknown as string }).ok, true);
  });

  it('refuses a tampered body, path or method', () => {
    const h = sign();
    assert.deepEqual(check(h, { body: body.replace('"a"', '"b"') }), { ok: false, reason: 'bad_signature' });
    assert.deepEqual(check(h, { body: `${body} ` }), { ok: false, reason: 'bad_signature' });
    assert.deepEqual(check(h, { path: '/api/fugo/register-copies' }), { ok: false, reason: 'bad_signature' });
    assert.deepEqual(check(h, { method: 'PUT' }), { ok: false, reason: 'bad_signature' });
  });

  it("refuses another agency's key under this agency's name, and unknown agencies", () => {
    const forged = signRequest({ agency: '131016', key: other.privateKey, method: 'POST', path, body, now });
    assert.deepEqual(check(forged), { ok: false, reason: 'bad_signature' });
    const unknown = signRequest({ agency: '131121', key: other.privateKey, method: 'POST', path, body, now });
    assert.deepEqual(check(unknown), { ok: false, reason: 'unknown_agency' });
  });

  it('refuses stale and future timestamps beyond the window, accepts the edge', () => {
    const w = SIGNATURE_WINDOW_SECONDS * 1000;
    assert.equal(check(sign(new Date(now.getTime() - w))).ok, true);
    assert.deepEqual(check(sign(new Date(now.getTime() - w - 1000))), { ok: false, reason: 'stale' });
    assert.deepEqual(check(sign(new Date(now.getTime() + w + 1000))), { ok: false, reason: 'stale' });
  });

  it('refuses a replay within the window, but a forged copy does not burn the nonce', () => {
    const nonces = new NonceCache();
    const h = sign();
    // A forged request reusing the nonce fails on its signature first and is not remembered.
    assert.equal(check({ ...h, 'madoguchi-signature': 'A'.repeat(86) }, { nonces }).ok, false);
    assert.equal(check(h, { nonces }).ok, true);
    assert.deepEqual(check(h, { nonces }), { ok: false, reason: 'replayed' });
    // The same nonce from another agency is a different key in the cache.
    assert.equal(nonces.remember('131121', h['madoguchi-nonce'] as string, now.getTime() / 1000), true);
  });

  it('refuses missing and malformed headers', () => {
    const h = sign();
    const { 'madoguchi-nonce': _, ...noNonce } = h;
    assert.deepEqual(check(noNonce), { ok: false, reason: 'missing' });
    assert.deepEqual(check({ ...h, 'madoguchi-agency': 'Chiyoda' }), { ok: false, reason: 'malformed' });
    assert.deepEqual(check({ ...h, 'madoguchi-timestamp': '1e9' }), { ok: false, reason: 'malformed' });
    assert.deepEqual(check({ ...h, 'madoguchi-signature': 'short' }), { ok: false, reason: 'malformed' });
  });
});
