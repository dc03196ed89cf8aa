import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ConfigError } from '@madoguchi/config';
import { openDatabase } from '@madoguchi/db';
import { createTestDatabase, forEachEngine, readJson, type TestDatabase } from '@madoguchi/testing';
import type { JpkiDB } from './data/schema.ts';
import { ensureCaHierarchy } from './services/create-ca-hierarchy.ts';
import { importCaKeys } from './services/import-ca-keys.ts';
import { prepareCa } from './services/prepare-ca.ts';
import { openssl, passphrase, startJpki, type TestJpki, writeTemp } from './test-support.ts';

forEachEngine(describe, (engine) => {
  let t: TestJpki;

  before(async () => {
    t = await startJpki(engine, { createCa: false });
  });
  after(async () => {
    await t.close();
  });

  it('says the CA is not initialised before first run', async () => {
    for (const path of ['/ca/root.pem', '/ca/sign.pem', '/crl/sign.crl']) {
      const res = await fetch(`${t.jpki.url}${path}`);
      assert.equal(res.status, 503, path);
      assert.equal((await readJson(res)).error.code, 'jpki.ca_not_initialised');
    }
  });

  it('creates the hierarchy once, even when two processes race, and audits each key', async () => {
    const kdb = t.jpki.database.db;
    const [a, b] = await Promise.all([
      ensureCaHierarchy(kdb, passphrase),
      ensureCaHierarchy(kdb, passphrase),
    ]);
    assert.deepEqual([...a, ...b].sort(), ['auth', 'ocsp-auth', 'ocsp-sign', 'root', 'sign']);
    assert.deepEqual(await ensureCaHierarchy(kdb, passphrase), []);
    const { rows } = await t.admin.query(
      'select type, count(*)::int as n from jpki.audit_event group by type order by type',
    );
    assert.deepEqual(rows, [
      { type: 'ca.issuer_created', n: 4 },
      { type: 'ca.root_created', n: 1 },
    ]);
  });

  it('serves CA certificates that openssl accepts as a chain', async () => {
    const pems: Record<string, string> = {};
    for (const name of ['root', 'sign', 'auth']) {
      const res = await fetch(`${t.jpki.url}/ca/${name}.pem`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/x-pem-file');
      pems[name] = await res.text();
    }
    const root = writeTemp(t, 'root.pem', pems.root as string);
    assert.match(openssl(['verify', '-CAfile', root, root]), /OK/);
    for (const name of ['sign', 'auth']) {
      const file = writeTemp(t, `${name}.pem`, pems[name] as string);
      assert.match(openssl(['verify', '-CAfile', root, file]), /OK/);
      const text = openssl(['x509', '-in', file, '-noout', '-text']);
      assert.match(text, /CA:TRUE, pathlen:0/);
      assert.match(text, /Certificate Sign, CRL Sign/);
    }
    const rootText = openssl(['x509', '-in', root, '-noout', '-text']);
    assert.match(rootText, /Public-Key: \(2048 bit\)/);
    assert.match(rootText, /sha256WithRSAEncryption/);
    assert.match(new X509Certificate(pems.sign as string).subject, /CN=madoguchi JPKI Signature CA/);
    assert.match(new X509Certificate(pems.auth as string).subject, /CN=madoguchi JPKI Authentication CA/);
  });

  it('keeps every private key encrypted under the configured passphrase', async () => {
    const { rows } = await t.admin.query(
      'select name, encrypted_private_key_pem as k, certificate_pem as c from jpki.ca_key',
    );
    assert.equal(rows.length, 5);
    for (const { k, c } of rows) {
      assert.match(k, /BEGIN ENCRYPTED PRIVATE KEY/);
      assert.throws(() => createPrivateKey({ key: k, passphrase: 'wrong' }));
      assert.ok(new X509Certificate(c).checkPrivateKey(createPrivateKey({ key: k, passphrase })));
    }
  });

  describe('production', () => {
    let other: TestDatabase;
    let database: ReturnType<typeof openDatabase<JpkiDB>>;
    before(async () => {
      other = await createTestDatabase(engine);
      database = openDatabase<JpkiDB>({ url: other.urlFor('jpki'), schema: 'jpki', maxConnections: 2 });
    });
    after(async () => {
      await database.close();
      await other.drop();
    });

    it('refuses to start without CA keys, generates nothing, and starts once they are imported', async () => {
      const production = { mode: 'production' as const, keyPassphrase: passphrase };
      await assert.rejects(prepareCa(database.db, production), (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, /CA keys missing: root, sign, auth, ocsp-sign, ocsp-auth/);
        assert.match(err.message, /import-ca-keys-main\.ts/);
        return true;
      });
      const count = async () =>
        (
          await database.db
            .selectFrom('ca_key')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n;
      assert.equal(Number(await count()), 0);

      const { rows } = await t.admin.query(
        'select name, certificate_pem, encrypted_private_key_pem from jpki.ca_key',
      );
      const keys = rows.map((r) => ({
        name: r.name,
        certificatePem: r.certificate_pem,
        privateKeyPem: r.encrypted_private_key_pem,
      }));
      // A key that does not match its certificate is refused and nothing is stored.
      const swapped = keys.map((k) =>
        k.name === 'sign' ? { ...k, privateKeyPem: keys.find((x) => x.name === 'auth')?.privateKeyPem } : k,
      );
      await assert.rejects(importCaKeys(database.db, passphrase, swapped), /does not match/);
      assert.equal(Number(await count()), 0);

      assert.deepEqual(await importCaKeys(database.db, passphrase, keys), [
        'root',
        'sign',
        'auth',
        'ocsp-sign',
        'ocsp-auth',
      ]);
      assert.deepEqual(await prepareCa(database.db, production), []);
      await assert.rejects(importCaKeys(database.db, passphrase, keys.slice(0, 1)), /already stored/);
    });
  });
});
