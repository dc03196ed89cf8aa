import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  createTestDatabase,
  forEachEngine,
  type RunningTestService,
  readJson,
  startTestService,
  type TestDatabase,
} from '@madoguchi/testing';
import pg from 'pg';
import { buildJpkiApp } from './app.ts';
import { loadJpkiConfig } from './config.ts';
import { ensureRootCa } from './services/create-root-ca.ts';

const passphrase = 'p'.repeat(40);

forEachEngine(describe, (engine) => {
  let db: TestDatabase;
  let admin: pg.Pool;
  let jpki: RunningTestService;

  before(async () => {
    db = await createTestDatabase(engine);
    admin = new pg.Pool({ connectionString: db.adminUrl, max: 1 });
    jpki = await startTestService({
      db,
      app: 'jpki',
      loadConfig: loadJpkiConfig,
      build: buildJpkiApp,
      dataDir: mkdtempSync(join(tmpdir(), 'madoguchi-jpki-')),
      env: { JPKI_KEY_PASSPHRASE: passphrase },
    });
  });
  after(async () => {
    await jpki.close();
    await admin.end();
    await db.drop();
  });

  it('says the CA is not initialised before first run', async () => {
    const res = await fetch(`${jpki.url}/ca/root.pem`);
    assert.equal(res.status, 503);
    assert.equal((await readJson(res)).error.code, 'jpki.ca_not_initialised');
  });

  it('creates the root once, even when two processes race, and audits it', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: the harness is generic over app schemas.
    const kdb = jpki.database.db as any;
    const [a, b] = await Promise.all([ensureRootCa(kdb, passphrase), ensureRootCa(kdb, passphrase)]);
    assert.equal(a.pem, b.pem);
    assert.equal([a.created, b.created].filter(Boolean).length, 1);
    assert.equal((await ensureRootCa(kdb, passphrase)).created, false);
    const { rows } = await admin.query(
      "select count(*)::int as n from jpki.audit_event where type = 'ca.root_created'",
    );
    assert.equal(rows[0].n, 1);
  });

  it('serves a root certificate that openssl accepts as a self-signed CA', async () => {
    const res = await fetch(`${jpki.url}/ca/root.pem`);
    assert.equal(res.status, 200);
    const pem = await res.text();
    const cert = new X509Certificate(pem);
    assert.ok(cert.ca);
    assert.match(cert.subject, /CN=madoguchi JPKI Root CA/);
    const file = join(mkdtempSync(join(tmpdir(), 'madoguchi-root-')), 'root.pem');
    writeFileSync(file, pem);
    const verify = execFileSync('openssl', ['verify', '-CAfile', file, file], { encoding: 'utf8' });
    assert.match(verify, /OK/);
    const text = execFileSync('openssl', ['x509', '-in', file, '-noout', '-text'], { encoding: 'utf8' });
    assert.match(text, /Public-Key: \(2048 bit\)/);
    assert.match(text, /sha256WithRSAEncryption/);
    assert.match(text, /CA:TRUE/);
    assert.match(text, /Certificate Sign, CRL Sign/);
  });

  it('keeps the private key encrypted under the configured passphrase', async () => {
    const { rows } = await admin.query(
      "select encrypted_private_key_pem as k, certificate_pem as c from jpki.ca_key where name = 'root'",
    );
    const { k, c } = rows[0];
    assert.match(k, /BEGIN ENCRYPTED PRIVATE KEY/);
    assert.throws(() => createPrivateKey({ key: k, passphrase: 'wrong' }));
    const key = createPrivateKey({ key: k, passphrase });
    assert.ok(new X509Certificate(c).checkPrivateKey(key));
  });
});
