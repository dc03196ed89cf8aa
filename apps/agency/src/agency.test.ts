import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildPortalApp } from '@madoguchi/portal';
import { loadPortalConfig } from '@madoguchi/portal/config';
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
import { buildAgencyApp } from './app.ts';
import { loadAgencyConfig } from './config.ts';
import { seedAgencyTenants, seedResidents } from './data/seed.ts';

const staffToken = 's'.repeat(40);
const machineToken = 'm'.repeat(40);

forEachEngine(describe, (engine) => {
  let db: TestDatabase;
  let admin: pg.Pool;
  let agency: RunningTestService;
  let portal: RunningTestService;
  const auditCount = async () =>
    (await admin.query('select count(*)::int as n from agency.audit_event')).rows[0].n as number;

  before(async () => {
    db = await createTestDatabase(engine);
    admin = db.adminPool(2);
    const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-agency-'));
    portal = await startTestService({
      db,
      app: 'portal',
      loadConfig: loadPortalConfig,
      build: buildPortalApp,
      dataDir,
      env: { PORTAL_MACHINE_TOKEN: machineToken },
    });
    agency = await startTestService({
      db,
      app: 'agency',
      loadConfig: loadAgencyConfig,
      build: buildAgencyApp,
      dataDir,
      env: { AGENCY_STAFF_TOKEN: staffToken, PORTAL_MACHINE_TOKEN: machineToken, PORTAL_URL: portal.url },
    });
    // biome-ignore lint/suspicious/noExplicitAny: the harness is generic over app schemas.
    const agencyDb = agency.database.db as any;
    await seedAgencyTenants(agencyDb, allAgencies(), demoMunicipalities);
    const inserted = await seedResidents(agencyDb, 300, demoMunicipalities);
    assert.equal(inserted, 300);
    assert.equal(await seedResidents(agencyDb, 300, demoMunicipalities), 0, 're-seeding inserts nothing new');
  });
  after(async () => {
    await agency.close();
    await portal.close();
    await admin.end();
    await db.drop();
  });

  it('refuses the staff API to outsiders and wrong tokens, writing nothing', async () => {
    const before = await auditCount();
    const none = await fetch(`${agency.url}/api/staff/residents/counts`);
    assert.equal(none.status, 400, 'missing staff headers are a schema error');
    const outsider = await fetch(`${agency.url}/api/staff/residents/counts`, {
      headers: { authorization: 'Bearer nope', 'x-staff-id': 'eve' },
    });
    assert.equal(outsider.status, 401);
    assert.equal((await readJson(outsider)).error.code, 'auth.invalid_credentials');
    assert.equal(await auditCount(), before);
  });

  it('counts demo residents per municipality for staff, with an audit row', async () => {
    const before = await auditCount();
    const res = await fetch(`${agency.url}/api/staff/residents/counts`, {
      headers: { authorization: `Bearer ${staffToken}`, 'x-staff-id': 'sato' },
    });
    assert.equal(res.status, 200);
    const { items } = await readJson(res);
    assert.deepEqual(items.map((i: { code: string }) => i.code).sort(), [...demoMunicipalities].sort());
    assert.equal(
      items.reduce((s: number, i: { residents: number }) => s + i.residents, 0),
      300,
    );
    assert.ok(!JSON.stringify(items).match(/(?<![\w-])\d{12}(?![\w-])/), 'no My Number leaves');
    assert.equal(await auditCount(), before + 1);
    const agencies = await fetch(`${agency.url}/api/staff/agencies?limit=5`, {
      headers: { authorization: `Bearer ${staffToken}`, 'x-staff-id': 'sato' },
    });
    const list = await readJson(agencies);
    assert.equal(list.total, allAgencies().length);
    assert.equal(list.items.length, 5);
  });

  it('lets staff log in and read inquiries from the portal', async () => {
    await fetch(`${portal.url}/api/inquiries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: '鈴木 一郎',
        email: 'ichiro@example.jp',
        category: 'notices',
        message: 'お知らせが届きません',
      }),
    });
    const anonymous = await fetch(`${agency.url}/staff/inquiries`, { redirect: 'manual' });
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.headers.get('location'), '/staff/login');
    const bad = await fetch(`${agency.url}/staff/login`, {
      method: 'POST',
      body: new URLSearchParams({ staffId: 'sato', token: 'guess' }),
      redirect: 'manual',
    });
    assert.equal(bad.status, 401);
    const good = await fetch(`${agency.url}/staff/login`, {
      method: 'POST',
      body: new URLSearchParams({ staffId: 'sato', token: staffToken }),
      redirect: 'manual',
    });
    assert.equal(good.status, 303);
    const cookie = String(good.headers.get('set-cookie')).split(';')[0] as string;
    assert.match(cookie, /^madoguchi_staff=/);
    const dashboard = await fetch(`${agency.url}/staff`, { headers: { cookie } });
    assert.match(await dashboard.text(), /千代田区/);
    const inquiries = await fetch(`${agency.url}/staff/inquiries`, { headers: { cookie } });
    assert.equal(inquiries.status, 200);
    const html = await inquiries.text();
    assert.match(html, /鈴木 一郎/);
    assert.match(html, /お知らせが届きません/);
    const tampered = await fetch(`${agency.url}/staff`, {
      headers: { cookie: cookie.replace('sato', 'root') },
      redirect: 'manual',
    });
    assert.equal(tampered.status, 303, 'a forged session is not accepted');
  });
});
