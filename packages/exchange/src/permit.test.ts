import assert from 'node:assert/strict';
import { sign } from 'node:crypto';
import { describe, it } from 'node:test';
import { deriveKey } from './keys.ts';
import {
  PERMIT_LEEWAY_SECONDS,
  PERMIT_LIFETIME_SECONDS,
  type PermitClaims,
  signPermit,
  verifyPermit,
} from './permit.ts';

const hub = deriveKey('n'.repeat(40), 'hub:network');
const impostor = deriveKey('x'.repeat(40), 'hub:network');
const iat = Math.floor(Date.parse('2025-04-01T00:00:00Z') / 1000);
const claims: PermitClaims = {
  jti: '00000000-0000-4000-8000-000000000001',
  iss: 'madoguchi-hub',
  aud: '131016',
  sub: 'AbCdEfGhIjKlMnOpQrStUv',
  azp: 'jps',
  task: 'kokunen-menjo',
  info: ['chihouzei'],
  iat,
  exp: iat + PERMIT_LIFETIME_SECONDS,
};
const at = (s: number) => new Date(s * 1000);
const b64u = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('permits', () => {
  it('verifies a permit for its audience within its lifetime', () => {
    const token = signPermit(claims, hub.privateKey, 'kid0123456789abc');
    const r = verifyPermit(token, hub.publicKey, '131016', at(iat + 10));
    assert.deepEqual(r, { ok: true, claims });
    const header = JSON.parse(Buffer.from(token.split('.')[0] as string, 'base64url').toString());
    assert.deepEqual(header, { alg: 'EdDSA', typ: 'madoguchi-permit+jwt', kid: 'kid0123456789abc' });
  });

  it('refuses a permit signed by another key, or with its claims changed', () => {
    const forged = signPermit(claims, impostor.privateKey, 'k');
    assert.deepEqual(verifyPermit(forged, hub.publicKey, '131016', at(iat)), {
      ok: false,
      reason: 'bad_signature',
    });
    const [h, , s] = signPermit(claims, hub.privateKey, 'k').split('.');
    const widened = `${h}.${b64u({ ...claims, info: ['chihouzei', 'juminhyo'] })}.${s}`;
    assert.deepEqual(verifyPermit(widened, hub.publicKey, '131016', at(iat)), {
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('refuses a permit for another provider', () => {
    const token = signPermit(claims, hub.privateKey, 'k');
    assert.deepEqual(verifyPermit(token, hub.publicKey, '131121', at(iat)), {
      ok: false,
      reason: 'wrong_audience',
    });
  });

  it('refuses expired and not-yet-valid permits, with the leeway', () => {
    const token = signPermit(claims, hub.privateKey, 'k');
    assert.equal(
      verifyPermit(token, hub.publicKey, '131016', at(claims.exp + PERMIT_LEEWAY_SECONDS)).ok,
      true,
    );
    assert.deepEqual(
      verifyPermit(token, hub.publicKey, '131016', at(claims.exp + PERMIT_LEEWAY_SECONDS + 1)),
      {
        ok: false,
        reason: 'expired',
      },
    );
    assert.deepEqual(verifyPermit(token, hub.publicKey, '131016', at(iat - PERMIT_LEEWAY_SECONDS - 1)), {
      ok: false,
      reason: 'not_yet_valid',
    });
  });

  it('refuses malformed tokens: other alg or typ, missing claims, junk', () => {
    const signed = (header: unknown, payload: unknown) => {
      const input = `${b64u(header)}.${b64u(payload)}`;
      return `${input}.${sign(null, Buffer.from(input), hub.privateKey).toString('base64url')}`;
    };
    const malformed = { ok: false, reason: 'malformed' };
    assert.deepEqual(
      verifyPermit(
        signed({ alg: 'none', typ: 'madoguchi-permit+jwt' }, claims),
        hub.publicKey,
        '131016',
        at(iat),
      ),
      malformed,
    );
    assert.deepEqual(
      verifyPermit(signed({ alg: 'EdDSA', typ: 'JWT' }, claims), hub.publicKey, '131016', at(iat)),
      malformed,
    );
    const { sub: _, ...noSub } = claims;
    assert.deepEqual(
      verifyPermit(
        signed({ alg: 'EdDSA', typ: 'madoguchi-permit+jwt' }, noSub),
        hub.publicKey,
        '131016',
        at(iat),
      ),
      malformed,
    );
    assert.deepEqual(verifyPermit('a.b', hub.publicKey, '131016'), malformed);
    assert.deepEqual(verifyPermit('a.b.c=', hub.publicKey, '131016'), malformed);
    assert.deepEqual(verifyPermit(`${'a'.repeat(5000)}.b.c`, hub.publicKey, '131016'), malformed);
  });
});
