import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
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
import type pg from 'pg';
import { buildPortalApp } from './app.ts';
import { loadPortalConfig } from './config.ts';

const machineToken = 'm'.repeat(40);

forEachEngine(describe, (engine) => {
  let db: TestDatabase;
  let portal: RunningTestService;
  let admin: pg.Pool;

  const counts = async () => {
    const { rows } = await admin.query(
      'select (select count(*)::int from portal.inquiry) as inquiries, (select count(*)::int from portal.audit_event) as audits',
    );
    return rows[0] as { inquiries: number; audits: number };
  };

  before(async () => {
    db = await createTestDatabase(engine);
    admin = db.adminPool(2);
    portal = await startTestService({
      db,
      app: 'portal',
      loadConfig: loadPortalConfig,
      build: buildPortalApp,
      dataDir: mkdtempSync(join(tmpdir(), 'madoguchi-portal-')),
      env: { PORTAL_MACHINE_TOKEN: machineToken },
    });
  });
  after(async () => {
    await portal.close();
    await admin.end();
    await db.drop();
  });

  it('renders the top page in Japanese and English, marking services not built yet', async () => {
    const ja = await fetch(`${portal.url}/`);
    assert.equal(ja.status, 200);
    const jaHtml = await ja.text();
    assert.match(jaHtml, /<html lang="ja">/);
    for (const item of [
      'やりとり履歴',
      'わたしの情報',
      'お知らせ',
      'ぴったりサービス',
      '公金決済',
      'もっとつながる',
      '民間送達サービス連携',
      'アカウント設定',
    ]) {
      assert.ok(jaHtml.includes(item), item);
    }
    assert.equal(jaHtml.match(/status--soon/g)?.length, 3);
    // やりとり履歴 and わたしの情報 work after login; their links lead through the login page.
    assert.match(jaHtml, /<a href="\/history">やりとり履歴<\/a>/);
    assert.match(jaHtml, /<a href="\/mydata">わたしの情報<\/a>/);
    const en = await fetch(`${portal.url}/?lang=en`);
    const enHtml = await en.text();
    assert.match(enHtml, /<html lang="en">/);
    assert.match(enHtml, /Exchange history/);
    assert.match(String(en.headers.get('set-cookie')), /lang=en/);
    const remembered = await fetch(`${portal.url}/faq`, { headers: { cookie: 'lang=en' } });
    assert.match(await remembered.text(), /Frequently asked questions/);
  });

  it('stores an inquiry with its audit row, and shows the reference', async () => {
    const before = await counts();
    const res = await fetch(`${portal.url}/inquiry`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        name: '山田 花子',
        email: 'hanako@example.jp',
        category: 'card',
        message: '暗証番号を忘れました。',
        lang: 'ja',
      }),
    });
    assert.equal(res.status, 303);
    const location = String(res.headers.get('location'));
    const reference = /ref=(Q-\d{8}-[0-9A-Z]{6})/.exec(location)?.[1];
    assert.ok(reference, location);
    const done = await fetch(`${portal.url}${location}`);
    assert.match(await done.text(), new RegExp(reference));
    const after = await counts();
    assert.deepEqual(after, { inquiries: before.inquiries + 1, audits: before.audits + 1 });
    const { rows } = await admin.query('select name, category from portal.inquiry where reference = $1', [
      reference,
    ]);
    assert.deepEqual(rows[0], { name: '山田 花子', category: 'card' });
    const audit = await admin.query(
      'select type, actor, outcome from portal.audit_event order by id desc limit 1',
    );
    assert.deepEqual(audit.rows[0], {
      type: 'inquiry.created',
      actor: 'public:anonymous',
      outcome: 'success',
    });
  });

  it('re-renders the form with linked errors and changes nothing on bad input', async () => {
    const before = await counts();
    const res = await fetch(`${portal.url}/inquiry?lang=en`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: '', email: 'not-an-address', category: 'lottery', message: '' }),
    });
    assert.equal(res.status, 400);
    const html = await res.text();
    assert.match(html, /class="error-summary"/);
    for (const field of ['name', 'email', 'category', 'message']) {
      assert.match(html, new RegExp(`<a href="#${field}">`));
      assert.match(html, new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
    }
    assert.match(html, /not-an-address/, 'the person does not have to type it again');
    const json = await fetch(`${portal.url}/api/inquiries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', email: 'x@example.jp', category: 'card', message: 'y'.repeat(5000) }),
    });
    assert.equal(json.status, 400);
    assert.equal((await readJson(json)).error.fields[0].path, '/message');
    const unknownField = await fetch(`${portal.url}/api/inquiries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', myNumber: '123456789018' }),
    });
    assert.equal(unknownField.status, 400);
    assert.deepEqual(await counts(), before);
  });

  it('lets only the machine token read inquiries, auditing each read', async () => {
    const before = await counts();
    const outsider = await fetch(`${portal.url}/internal/inquiries`, { headers: { 'x-staff-id': 'sato' } });
    assert.equal(outsider.status, 401);
    const wrong = await fetch(`${portal.url}/internal/inquiries`, {
      headers: { authorization: `Bearer ${'x'.repeat(40)}`, 'x-staff-id': 'sato' },
    });
    assert.equal(wrong.status, 401);
    assert.deepEqual(await counts(), before, 'refused reads write no data');
    const ok = await fetch(`${portal.url}/internal/inquiries?limit=10`, {
      headers: { authorization: `Bearer ${machineToken}`, 'x-staff-id': 'sato' },
    });
    assert.equal(ok.status, 200);
    const body = await readJson(ok);
    assert.equal(body.total, before.inquiries);
    assert.equal(body.items[0].name, '山田 花子');
    const audit = await admin.query('select type, actor from portal.audit_event order by id desc limit 1');
    assert.deepEqual(audit.rows[0], { type: 'inquiry.listed', actor: 'staff:sato' });
  });

  it('answers 503 with a clean error when its database is gone', async () => {
    const dead = await startTestService({
      db: { ...db, urlFor: () => 'postgres://madoguchi_portal:x@127.0.0.1:9/nowhere' },
      app: 'portal',
      loadConfig: loadPortalConfig,
      build: buildPortalApp,
      dataDir: mkdtempSync(join(tmpdir(), 'madoguchi-portal-')),
      env: { PORTAL_MACHINE_TOKEN: machineToken },
    });
    try {
      const ready = await fetch(`${dead.url}/readyz`);
      assert.equal(ready.status, 503);
      const res = await fetch(`${dead.url}/api/inquiries`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'x', email: 'x@example.jp', category: 'card', message: 'y' }),
      });
      assert.equal(res.status, 503);
      const text = await res.text();
      assert.equal(JSON.parse(text).error.code, 'service.unavailable');
      assert.ok(!text.includes('ECONNREFUSED') && !text.includes('127.0.0.1'));
      assert.equal((await fetch(`${dead.url}/healthz`)).status, 200, 'the process itself is up');
    } finally {
      await dead.close();
    }
  });
});
