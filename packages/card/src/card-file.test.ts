import assert from 'node:assert/strict';
import { verify, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { AppError } from '@madoguchi/errors';
import { readCardFile } from './card-file.ts';
import {
  createCardFile,
  loginSignedData,
  readFacts,
  resetCounters,
  signLogin,
  unsealWithPin,
} from './card-operations.ts';
import { isValidPin } from './pin-rules.ts';
import { testFacts, testHierarchy, testPins } from './testing/issue-test-card.ts';

const dir = mkdtempSync(join(tmpdir(), 'madoguchi-card-'));
let hierarchy: Awaited<ReturnType<typeof testHierarchy>>;
let n = 0;
const freshCard = async () => {
  const path = join(dir, `card-${n++}.json`);
  return { path, ...(await hierarchy.writeCard(path)) };
};

/** Runs `fn`, expecting a typed AppError; returns it. */
async function refusal(fn: () => Promise<unknown>): Promise<AppError> {
  try {
    await fn();
  } catch (err) {
    assert.ok(err instanceof AppError, `expected an AppError, got ${err}`);
    return err;
  }
  assert.fail('expected a refusal');
}

describe('virtual card file', () => {
  before(async () => {
    hierarchy = await testHierarchy();
  });

  it('knows the PIN formats of the three PINs', () => {
    for (const pin of ['0000', '1234', '9999'])
      assert.ok(isValidPin('auth', pin) && isValidPin('support', pin));
    for (const pin of ['123', '12345', '12a4', '１２３４', ' 1234', ''])
      assert.ok(!isValidPin('auth', pin) && !isValidPin('support', pin), pin);
    for (const pin of ['ABC123', 'A1B2C3D4E5F6G7H8', '1A2B3C']) assert.ok(isValidPin('sign', pin), pin);
    for (const pin of ['ABCDEF', '123456', 'abc123', 'AB12', 'A1B2C3D4E5F6G7H8I', 'ABC 123', 'ABC-123'])
      assert.ok(!isValidPin('sign', pin), pin);
  });

  it('refuses badly formed PINs without counting them', async () => {
    const { path } = await freshCard();
    assert.equal(
      (await refusal(() => signLogin(path, '12345', 'http://x', 'challenge'))).code,
      'card.pin_format',
    );
    assert.equal((await refusal(() => unsealWithPin(path, 'sign', 'abc123'))).code, 'card.pin_format');
    assert.deepEqual((await readCardFile(path)).counters, { auth: 3, sign: 5, support: 3 });
    const bad = await refusal(() =>
      createCardFile(join(dir, 'never.json'), {
        cardSerial: '1',
        certificates: { sign: '', auth: '' },
        chain: hierarchy.chain,
        authKey: undefined as never,
        signKey: undefined as never,
        facts: testFacts,
        residentRef: 'x',
        pins: { ...testPins, sign: 'ABCDEF' },
      }),
    );
    assert.equal(bad.code, 'card.pin_format');
  });

  it('writes the file with mode 0600 and keeps keys and facts out of the plain text', async () => {
    const { path, authKey, signKey } = await freshCard();
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const text = readFileSync(path, 'utf8');
    for (const key of [authKey, signKey]) {
      const der = key.export({ type: 'pkcs8', format: 'der' });
      assert.ok(!text.includes(der.toString('base64').slice(40, 120)), 'no private key bytes in the file');
    }
    for (const fact of [testFacts.givenName, testFacts.address, testFacts.birthDate, 'agency:131016'])
      assert.ok(!text.includes(fact), `${fact} is sealed`);
    await refusal(() => signLogin(path, '0000', 'http://x', 'c'.repeat(16)));
    assert.equal(statSync(path).mode & 0o777, 0o600, 'still 0600 after the counter was written back');
  });

  it('counts wrong PINs on disk before answering, and a right PIN restores the count', async () => {
    const { path } = await freshCard();
    const wrong = await refusal(() => signLogin(path, '0000', 'http://x', 'c'.repeat(16)));
    assert.equal(wrong.code, 'card.pin_incorrect');
    assert.equal(wrong.details.remainingTries, 2);
    assert.equal((await readCardFile(path)).counters.auth, 2, 'persisted before the answer');
    assert.equal(
      (await refusal(() => readFacts(path, '0000'))).details.remainingTries,
      2,
      'support PIN is separate',
    );
    const site = 'http://127.0.0.1:3000';
    const { certificate, signature } = await signLogin(path, testPins.auth, site, 'c'.repeat(16));
    const card = await readCardFile(path);
    assert.deepEqual(card.counters, { auth: 3, sign: 5, support: 2 });
    assert.equal(
      certificate,
      Buffer.from(new X509Certificate(card.certificates.auth).raw).toString('base64'),
    );
    const cert = new X509Certificate(card.certificates.auth);
    assert.ok(
      verify(
        'sha256',
        loginSignedData(site, 'c'.repeat(16)),
        cert.publicKey,
        Buffer.from(signature, 'base64'),
      ),
    );
    assert.ok(
      !verify(
        'sha256',
        loginSignedData('http://evil.example', 'c'.repeat(16)),
        cert.publicKey,
        Buffer.from(signature, 'base64'),
      ),
    );
    assert.deepEqual(await readFacts(path, testPins.support), {
      facts: testFacts,
      residentRef: 'agency:131016:00000000-0000-4000-8000-000000000001',
    });
  });

  it('locks the authentication PIN at 3 and the signature PIN at 5, refusing even the right PIN', async () => {
    const { path } = await freshCard();
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) codes.push((await refusal(() => unsealWithPin(path, 'auth', '0000'))).code);
    assert.deepEqual(codes, ['card.pin_incorrect', 'card.pin_incorrect', 'card.locked']);
    assert.equal((await refusal(() => unsealWithPin(path, 'auth', testPins.auth))).code, 'card.locked');
    assert.equal((await readCardFile(path)).counters.auth, 0);
    const signCodes: (string | number | boolean | undefined)[] = [];
    for (let i = 0; i < 5; i++) {
      const err = await refusal(() => unsealWithPin(path, 'sign', 'WRONG1'));
      signCodes.push(err.code === 'card.locked' ? 'locked' : err.details.remainingTries);
    }
    assert.deepEqual(signCodes, [4, 3, 2, 1, 'locked']);
    await resetCounters(path);
    assert.deepEqual((await readCardFile(path)).counters, { auth: 3, sign: 5, support: 3 });
    assert.ok((await unsealWithPin(path, 'auth', testPins.auth)).length > 1000);
  });

  it('lets no two concurrent guesses share one counter value', async () => {
    const { path } = await freshCard();
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        refusal(() => unsealWithPin(path, 'auth', '0000')).then((e) =>
          e.code === 'card.locked' ? 'locked' : e.details.remainingTries,
        ),
      ),
    );
    assert.deepEqual(results.sort(), [1, 2, 'locked', 'locked', 'locked', 'locked']);
    assert.equal((await readCardFile(path)).counters.auth, 0);
  });

  it('says nothing about the key in a wrong-PIN refusal', async () => {
    const { path, authKey } = await freshCard();
    const err = await refusal(() => unsealWithPin(path, 'auth', '9876'));
    const everything = JSON.stringify({
      message: err.message,
      details: err.details,
      fields: err.fields,
      cause: String(err.cause),
    });
    const der = authKey.export({ type: 'pkcs8', format: 'der' });
    assert.ok(!everything.includes(der.toString('base64').slice(40, 80)));
    assert.ok(!everything.includes(der.toString('hex').slice(80, 160)));
    assert.deepEqual(err.details, { pin: 'auth', remainingTries: 2 });
  });
});
