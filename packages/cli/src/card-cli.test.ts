import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildAgencyApp } from '@madoguchi/agency';
import { loadAgencyConfig } from '@madoguchi/agency/config';
import { seedAgencyTenants } from '@madoguchi/agency/seed';
import { cardInfo, readCardFile, unsealWithPin } from '@madoguchi/card';
import { buildJpkiApp } from '@madoguchi/jpki';
import { loadJpkiConfig } from '@madoguchi/jpki/config';
import { allAgencies, demoMunicipalities } from '@madoguchi/reference';
import {
  createTestDatabase,
  forEachEngine,
  type RunningTestService,
  readJson,
  startTestService,
  type TestDatabase,
} from '@madoguchi/testing';
import type pg from 'pg';
// The CA hierarchy is created by jpki's boot step; tests call the same function directly.
import { ensureCaHierarchy } from '../../../apps/jpki/src/services/create-ca-hierarchy.ts';
import { demoCardHolders, ensureDemoCards } from './demo-cards.ts';

const passphrase = 'p'.repeat(40);
const jpkiStaffToken = 'j'.repeat(40);
const agencyStaffToken = 'a'.repeat(40);
const cli = new URL('./main.ts', import.meta.url).pathname;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

forEachEngine(describe, (engine) => {
  let db: TestDatabase;
  let admin: pg.Pool;
  let jpki: RunningTestService;
  let agency: RunningTestService;
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-card-cli-'));
  const file = (name: string) => join(dir, name);

  function run(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [cli, 'card', ...args],
        {
          env: {
            PATH: process.env.PATH,
            MADOGUCHI_ENV: 'test',
            MADOGUCHI_DATA_DIR: dir,
            JPKI_URL: jpki.url,
            AGENCY_URL: agency.url,
            JPKI_STAFF_TOKEN: jpkiStaffToken,
            AGENCY_STAFF_TOKEN: agencyStaffToken,
            ...env,
          },
        },
        (err, stdout, stderr) => {
          const code = err ? Number((err as { code?: number }).code ?? 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }
  const openssl = (args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: 'pipe' });
  const jpkiCard = async (serial: string) =>
    readJson(
      await fetch(`${jpki.url}/api/staff/cards/${serial}`, {
        headers: { authorization: `Bearer ${jpkiStaffToken}`, 'x-staff-id': 'test' },
      }),
    );

  before(async () => {
    db = await createTestDatabase(engine);
    admin = db.adminPool(1);
    jpki = await startTestService({
      db,
      app: 'jpki',
      loadConfig: loadJpkiConfig,
      build: buildJpkiApp,
      dataDir: dir,
      env: {
        JPKI_KEY_PASSPHRASE: passphrase,
        JPKI_STAFF_TOKEN: jpkiStaffToken,
        JPKI_PORTAL_API_KEY: 'r'.repeat(40),
        JPKI_VERIFIER_API_KEY: 'v'.repeat(40),
        JPKI_PAIRWISE_SECRET: 'w'.repeat(40),
      },
    });
    // biome-ignore lint/suspicious/noExplicitAny: the harness is generic over app schemas.
    await ensureCaHierarchy(jpki.database.db as any, passphrase);
    agency = await startTestService({
      db,
      app: 'agency',
      loadConfig: loadAgencyConfig,
      build: buildAgencyApp,
      dataDir: dir,
      env: { AGENCY_STAFF_TOKEN: agencyStaffToken },
    });
    // biome-ignore lint/suspicious/noExplicitAny: the harness is generic over app schemas.
    await seedAgencyTenants(agency.database.db as any, allAgencies(), demoMunicipalities);
  });
  after(async () => {
    await agency.close();
    await jpki.close();
    await admin.end();
    await db.drop();
  });

  it('issues a card for a new demo resident, printing the generated PINs once', async () => {
    const r = await run(['issue', '--out', file('new.json')]);
    assert.equal(r.code, 0, r.stderr);
    const auth = /利用者証明用暗証番号[^:]*: (\d{4})$/m.exec(r.stdout)?.[1];
    const sign = /署名用パスワード[^:]*: ([A-Z0-9]{6,16})$/m.exec(r.stdout)?.[1];
    assert.ok(auth && sign, r.stdout);
    assert.equal(statSync(file('new.json')).mode & 0o777, 0o600);
    assert.ok((await unsealWithPin(file('new.json'), 'auth', auth)).length > 0);
    const info = await cardInfo(file('new.json'));
    const status = await jpkiCard(info.cardSerial);
    assert.deepEqual(status.certificates.map((c: { status: string }) => c.status).sort(), ['good', 'good']);
    assert.doesNotMatch(readFileSync(file('new.json'), 'utf8'), /BEGIN (RSA |)PRIVATE KEY/);
  });

  it('issues for an existing resident; openssl verifies both certificates and the CMS signature', async () => {
    const resident = await readJson(
      await fetch(`${agency.url}/api/staff/residents`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${agencyStaffToken}`,
          'x-staff-id': 'test',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ familyName: '窓口', givenName: '次郎', birthDate: '1975-06-30', sex: 1 }),
      }),
    );
    const card = file('jiro.json');
    const pins = ['--auth-pin', '1234', '--sign-pin', 'ABC123', '--support-pin', '5678'];
    const issued = await run(['issue', '--resident', resident.id, ...pins, '--out', card]);
    assert.equal(issued.code, 0, issued.stderr);
    assert.doesNotMatch(issued.stdout, /1234|ABC123/, 'PINs given on the command line are not echoed');
    for (const kind of ['auth', 'sign']) {
      const cert = await run([
        'cert',
        '--card',
        card,
        '--kind',
        kind,
        '--out',
        file(`${kind}.pem`),
        '--chain',
      ]);
      assert.equal(cert.code, 0, cert.stderr);
      const verified = openssl([
        'verify',
        '-CAfile',
        file('root.pem'),
        '-untrusted',
        file(`${kind}-ca.pem`),
        file(`${kind}.pem`),
      ]);
      assert.match(verified, /: OK/);
    }
    assert.match(
      openssl(['x509', '-in', file('sign.pem'), '-noout', '-text']),
      /窓口|1\.2\.392\.200149\.8\.5\.5\.1/,
    );

    writeFileSync(file('doc.txt'), '転出届\n');
    const signed = await run([
      'sign',
      '--card',
      card,
      '--pin',
      'ABC123',
      '--in',
      file('doc.txt'),
      '--out',
      file('doc.p7s'),
    ]);
    assert.equal(signed.code, 0, signed.stderr);
    const cmsArgs = (content: string) => [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      file('doc.p7s'),
      '-content',
      content,
      '-CAfile',
      file('root.pem'),
      '-certfile',
      file('sign-ca.pem'),
      '-out',
      '/dev/null',
    ];
    openssl(cmsArgs(file('doc.txt')));
    writeFileSync(file('tampered.txt'), '転出届\n(改ざん)\n');
    assert.throws(() => openssl(cmsArgs(file('tampered.txt'))));

    const wrong = await run([
      'sign',
      '--card',
      card,
      '--pin',
      'WRONG1',
      '--in',
      file('doc.txt'),
      '--out',
      file('x.p7s'),
    ]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /暗証番号が違います。/);
    assert.match(wrong.stderr, /The PIN is incorrect\./);
    assert.match(wrong.stderr, /あと 4 回/);
    const usage = await run(['sign', '--card', card, '--in', file('doc.txt'), '--out', file('x.p7s')]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--pin is required/);
    assert.equal((await run(['frobnicate'])).code, 2);
  });

  it('revokes at jpki, and unlocks: jpki first, then the counters in the file', async () => {
    const card = file('jiro.json');
    const { cardSerial } = await cardInfo(card);
    const revoked = await run(['revoke', '--card', card, '--kind', 'sign', '--reason', 'keyCompromise']);
    assert.equal(revoked.code, 0, revoked.stderr);
    const status = await jpkiCard(cardSerial);
    const sign = status.certificates.find((c: { kind: string }) => c.kind === 'sign');
    assert.equal(sign.status, 'revoked');
    assert.equal(sign.reason, 'keyCompromise');
    const twice = await run(['revoke', '--card', card, '--kind', 'sign', '--reason', 'keyCompromise']);
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /certificate\.already_revoked/);
    const badReason = await run(['revoke', '--card', card, '--kind', 'auth', '--reason', 'lost']);
    assert.equal(badReason.code, 2);

    for (let i = 0; i < 3; i++) await unsealWithPin(card, 'auth', '0000').catch(() => {});
    assert.equal((await readCardFile(card)).counters.auth, 0);
    const badToken = await run(['unlock', '--card', card], { JPKI_STAFF_TOKEN: 'x'.repeat(40) });
    assert.equal(badToken.code, 1);
    assert.match(badToken.stderr, /auth\.invalid_credentials/);
    assert.equal((await readCardFile(card)).counters.auth, 0, 'no reset without jpki');
    const unlocked = await run(['unlock', '--card', card]);
    assert.equal(unlocked.code, 0, unlocked.stderr);
    assert.deepEqual((await readCardFile(card)).counters, { auth: 3, sign: 5, support: 3 });
    const { rows } = await admin.query(
      "select count(*)::int as n from jpki.audit_event where type = 'card.unlocked'",
    );
    assert.equal(rows[0].n, 1);
  });

  it('creates the demo cards once, reuses them, and re-issues a card jpki no longer vouches for', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-demo-cards-'));
    const options = {
      dataDir,
      jpkiUrl: jpki.url,
      agencyUrl: agency.url,
      jpkiStaffToken,
      agencyStaffToken,
      log: () => {},
    };
    const first = await ensureDemoCards(options);
    assert.deepEqual(
      first.map((c) => c.holder),
      demoCardHolders.map((h) => `${h.facts.familyName} ${h.facts.givenName}`),
    );
    const serials = await Promise.all(first.map(async (c) => (await cardInfo(c.path)).cardSerial));
    const again = await ensureDemoCards(options);
    assert.deepEqual(await Promise.all(again.map(async (c) => (await cardInfo(c.path)).cardSerial)), serials);
    const hanako = first[0];
    assert.ok(hanako);
    const revoke = await run([
      'revoke',
      '--card',
      hanako.path,
      '--kind',
      'auth',
      '--reason',
      'keyCompromise',
    ]);
    assert.equal(revoke.code, 0, revoke.stderr);
    const before = await readCardFile(hanako.path);
    await ensureDemoCards(options);
    const after = await readCardFile(hanako.path);
    assert.notEqual(after.cardSerial, before.cardSerial, 're-issued');
    assert.equal(after.label, 'デジタル 花子');
    const { rows } = await admin.query(
      "select count(*)::int as n from agency.resident where family_name = 'デジタル' and given_name = '花子'",
    );
    assert.equal(rows[0].n, 1, 'the same resident keeps their record');
    assert.ok((await unsealWithPin(hanako.path, 'auth', hanako.authPin)).length > 0);
  });
});
