import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createIssuerCa, issueCompanyCertificate, issueDeduction } from '@madoguchi/deduction';
import { isValidCorporateNumber } from '@madoguchi/identifiers';
import {
  createTestDatabase,
  forEachEngine,
  type RunningTestService,
  startTestService,
  type TestDatabase,
} from '@madoguchi/testing';
import type pg from 'pg';
import { buildPortalApp } from './app.ts';
import { loadPortalConfig } from './config.ts';
import { deriveEDeliveryKeys } from './services/e-delivery/keys.ts';
import { Browser, csrfOf } from './test-support/login-fixture.ts';

const webhookSecret = 'w'.repeat(40);

/** A valid 法人番号 from 12 digits (the check digit found by the validator itself). */
function houjin(body12: string): string {
  for (let d = 1; d <= 9; d++) if (isValidCorporateNumber(`${d}${body12}`)) return `${d}${body12}`;
  throw new Error('no check digit');
}

forEachEngine(describe, (engine) => {
  let db: TestDatabase;
  let admin: pg.Pool;
  let portal: RunningTestService;
  let server: Server;
  const token = `tok-${randomUUID()}`;
  let certificates: { id: string; xml: string }[] = [];
  let caPem = '';

  async function person(linked: boolean) {
    const subject = `s-${randomUUID()}`;
    await admin.query('insert into portal.account (subject) values ($1)', [subject]);
    if (linked)
      await admin.query(
        `insert into portal.e_delivery_link (subject, mailbox_id, access_token_enc, kinds) values ($1, 'mbx-1', $2, '{}')`,
        [subject, deriveEDeliveryKeys(webhookSecret).encryptToken(token)],
      );
    const id = randomBytes(32).toString('base64url');
    await admin.query(
      `insert into portal.session (id_hash, subject, csrf_token, expires_at) values ($1, $2, $3, now() + interval '1 hour')`,
      [createHash('sha256').update(id).digest(), subject, randomBytes(32).toString('base64url')],
    );
    const browser = new Browser(portal.url);
    browser.cookie = `madoguchi_session=${id}`;
    return { subject, browser };
  }

  before(async () => {
    db = await createTestDatabase(engine);
    admin = db.adminPool(2);
    // The issuing side, as e-delivery's demo companies do it: a CA, company certificates, signed XML.
    const ca = await createIssuerCa({ name: 'Demo Deduction Issuers' });
    caPem = ca.certificatePem;
    const insurerNo = houjin('010401099999');
    const cityNo = houjin('000020131016');
    const insurer = await issueCompanyCertificate({
      ca,
      companyName: 'まどぐち生命保険株式会社',
      houjinBangou: insurerNo,
    });
    const city = await issueCompanyCertificate({ ca, companyName: '千代田区', houjinBangou: cityNo });
    const life = issueDeduction(
      {
        kind: 'life_insurance',
        issuer: { name: 'まどぐち生命保険株式会社', houjinBangou: insurerNo },
        recipientName: '窓口 花子',
        certifiedOn: '2025-10-01',
        year: 2025,
        policyNumber: 'P-0001',
        insuranceType: '終身保険',
        insuredName: '窓口 花子',
        category: 'general',
        premium: 120000,
      },
      insurer,
    );
    const donation = issueDeduction(
      {
        kind: 'donation',
        issuer: { name: '千代田区', houjinBangou: cityNo },
        recipientName: '窓口 花子',
        certifiedOn: '2025-12-20',
        donatedOn: '2025-12-01',
        amount: 30000,
      },
      city,
    );
    const tampered = donation.replace(/>30000</, '>300000<');
    assert.notEqual(tampered, donation);
    certificates = [
      { id: 'c1', xml: life },
      { id: 'c2', xml: donation },
      { id: 'c3', xml: tampered },
    ];
    // A small stand-in for e-delivery's certificates API and trust anchor.
    server = createServer((req, res) => {
      if (req.url === '/ca.pem') return void res.writeHead(200).end(caPem);
      if (req.url === '/api/certificates') {
        if (req.headers.authorization !== `Bearer ${token}`) return void res.writeHead(401).end('{}');
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ certificates }));
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    portal = await startTestService({
      db,
      app: 'portal',
      loadConfig: loadPortalConfig,
      build: buildPortalApp,
      dataDir: mkdtempSync(join(tmpdir(), 'madoguchi-portal-')),
      env: {
        E_DELIVERY_URL: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
        PORTAL_WEBHOOK_SECRET: webhookSecret,
        HUB_URL: 'http://127.0.0.1:9',
      },
    });
  });
  after(async () => {
    await portal.close();
    server.close();
    await admin.end();
    await db.drop();
  });

  it('imports, verifies, lists, downloads one and the e-Tax ZIP bundle; tampering is shown', async () => {
    const p = await person(true);
    const list = await (await p.browser.fetch('/deductions')).text();
    assert.match(list, /data-testid="no-certificates"/);
    const res = await p.browser.form('/deductions/import', { _csrf: csrfOf(list) });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/deductions?added=3&total=3');
    const page = await (await p.browser.fetch('/deductions')).text();
    assert.equal(page.match(/data-verified="true"/g)?.length, 2);
    assert.equal(page.match(/data-verified="false"/g)?.length, 1);
    assert.match(page, /まどぐち生命保険株式会社/);
    assert.match(page, /120,000円/);
    assert.match(page, /30,000円/);
    assert.match(page, /検証済み/);
    assert.match(page, /検証できません（signature_invalid）/);
    const { rows } = await admin.query(
      'select id, xml, verified, kind, year, amount from portal.deduction_certificate where subject = $1 order by source_id',
      [p.subject],
    );
    assert.deepEqual(
      rows.map((r) => [r.verified, r.kind, r.year, r.amount]),
      [
        [true, 'life_insurance', 2025, 120000],
        [true, 'donation', 2025, 30000],
        [false, null, null, null],
      ],
    );
    // The original signed bytes come back unchanged.
    const one = await p.browser.fetch(`/deductions/${rows[0].id}.xml`);
    assert.equal(one.status, 200);
    assert.match(
      String(one.headers.get('content-disposition')),
      /attachment; filename="2025_life_insurance_\d{13}_/,
    );
    assert.equal(await one.text(), certificates[0]?.xml);
    const zip = await p.browser.fetch('/deductions/bundle.zip');
    assert.equal(zip.status, 200);
    assert.equal(zip.headers.get('content-type'), 'application/zip');
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-deductions-'));
    writeFileSync(join(dir, 'b.zip'), Buffer.from(await zip.arrayBuffer()));
    assert.match(
      execFileSync('unzip', ['-t', join(dir, 'b.zip')], { encoding: 'utf8' }),
      /No errors detected/,
    );
    execFileSync('unzip', ['-q', join(dir, 'b.zip'), '-d', join(dir, 'out')]);
    const names = execFileSync('ls', [join(dir, 'out')], { encoding: 'utf8' })
      .trim()
      .split('\n');
    assert.equal(names.length, 3);
    const lifeFile = names.find((n) => n.includes('life_insurance')) as string;
    assert.equal(readFileSync(join(dir, 'out', lifeFile), 'utf8'), certificates[0]?.xml);
    // Importing again adds nothing; each step is audited.
    const again = await p.browser.form('/deductions/import', { _csrf: csrfOf(page) });
    assert.equal(again.headers.get('location'), '/deductions?added=0&total=3');
    const audit = await admin.query(
      `select type, count(*)::int as n from portal.audit_event where actor = $1 group by type order by type`,
      [`resident:${p.subject}`],
    );
    assert.deepEqual(audit.rows, [
      { type: 'deduction.bundle_downloaded', n: 1 },
      { type: 'deduction.downloaded', n: 1 },
      { type: 'deduction.imported', n: 2 },
      { type: 'deduction.listed', n: 2 },
    ]);
  });

  it("answers 404 for another person's certificate and asks an unlinked person to link first", async () => {
    const owner = await person(true);
    await owner.browser.form('/deductions/import', {
      _csrf: csrfOf(await (await owner.browser.fetch('/deductions')).text()),
    });
    const { rows } = await admin.query(
      'select id from portal.deduction_certificate where subject = $1 limit 1',
      [owner.subject],
    );
    const outsider = await person(false);
    assert.equal((await outsider.browser.fetch(`/deductions/${rows[0].id}.xml`)).status, 404);
    const page = await (await outsider.browser.fetch('/deductions')).text();
    assert.match(page, /先に民間送達サービスと連携してください/);
    const refused = await outsider.browser.form('/deductions/import', { _csrf: csrfOf(page) });
    assert.equal(refused.status, 409);
    const anonymous = await fetch(`${portal.url}/deductions/bundle.zip`, { redirect: 'manual' });
    assert.equal(anonymous.status, 303);
  });
});
