import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildPortalApp } from '@madoguchi/portal';
import { loadPortalConfig } from '@madoguchi/portal/config';
import {
  createTestDatabase,
  type RunningTestService,
  startTestService,
  type TestDatabase,
  testEngines,
} from '@madoguchi/testing';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { assertAccessible, launchChromium, noBrowser, shots } from './browser.ts';

describe('portal in Chromium', {
  timeout: 120_000,
  skip: noBrowser,
}, () => {
  let db: TestDatabase;
  let portal: RunningTestService;
  let browser: Browser;

  before(async () => {
    db = await createTestDatabase(testEngines()[0] as ReturnType<typeof testEngines>[number]);
    portal = await startTestService({
      db,
      app: 'portal',
      loadConfig: loadPortalConfig,
      build: buildPortalApp,
      dataDir: mkdtempSync(join(tmpdir(), 'madoguchi-e2e-')),
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await portal?.close();
    await db?.drop();
  });

  it('shows the top page in Japanese, switches to English, and passes axe', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${portal.url}/`);
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
    assert.equal(await page.locator('h1').textContent(), '行政手続をひとつの窓口で');
    assert.equal(await page.locator('.menu__item').count(), 8);
    assert.ok(
      await page.evaluate<boolean>(`document.fonts.check('16px "Noto Sans CJK JP"')`),
      'a Japanese font is installed',
    );
    await assertAccessible(page, 'top (ja)');
    await page.screenshot({ path: join(shots, 'top-ja.png'), fullPage: true });

    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.locator('h1').textContent(), 'Government services at one counter');
    await assertAccessible(page, 'top (en)');
    await page.screenshot({ path: join(shots, 'top-en.png'), fullPage: true });
    await context.close();
  });

  it('submits the inquiry form, first with errors, then correctly, without JavaScript', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${portal.url}/inquiry`);
    await page.getByRole('button', { name: '送信する' }).click();
    await page.waitForSelector('.error-summary');
    assert.equal(await page.locator('.error-summary li').count(), 4);
    await page.screenshot({ path: join(shots, 'inquiry-errors-ja.png'), fullPage: true });

    await page.getByLabel('お名前').fill('山田 花子');
    await page.getByLabel('メールアドレス').fill('hanako@example.jp');
    await page.getByLabel('お問い合わせの種類').selectOption('notices');
    await page.getByLabel('お問い合わせ内容').fill('予防接種のお知らせについて教えてください。');
    await page.getByRole('button', { name: '送信する' }).click();
    await page.waitForURL(/\/inquiry\/done/);
    const reference = await page.getByTestId('reference').textContent();
    assert.match(String(reference), /^Q-\d{8}-[0-9A-Z]{6}$/);
    await page.screenshot({ path: join(shots, 'inquiry-done-ja.png'), fullPage: true });

    const admin = new pg.Client({ connectionString: db.adminUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        'select name, category, message from portal.inquiry where reference = $1',
        [reference],
      );
      assert.deepEqual(rows[0], {
        name: '山田 花子',
        category: 'notices',
        message: '予防接種のお知らせについて教えてください。',
      });
    } finally {
      await admin.end();
    }
    await context.close();
  });

  // axe runs as a script in the page, so the accessibility scan of the same pages uses a context with JavaScript.
  it('passes axe on the inquiry form, its error state and the done page', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`${portal.url}/inquiry?lang=en`);
    await assertAccessible(page, 'inquiry form');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForSelector('.error-summary');
    await assertAccessible(page, 'inquiry form with errors');
    await page.screenshot({ path: join(shots, 'inquiry-errors-en.png'), fullPage: true });
    await page.getByRole('link', { name: 'Enter your name.' }).click();
    assert.equal(
      await page.evaluate<string>('document.activeElement?.id'),
      'name',
      'the error summary link moves focus to the field',
    );
    await page.getByLabel('Name').fill('Hanako Yamada');
    await page.getByLabel('E-mail address').fill('hanako@example.jp');
    await page.getByLabel('Topic').selectOption('card');
    await page.getByLabel('Your question').fill('How do I renew my card?');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(/\/inquiry\/done/);
    await assertAccessible(page, 'inquiry done');
    await context.close();
  });

  it('shows a localized 404 page that passes axe', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const res = await page.goto(`${portal.url}/no-such-page?lang=en`);
    assert.equal(res?.status(), 404);
    assert.equal(await page.locator('h1').textContent(), 'The page you are looking for was not found.');
    await assertAccessible(page, '404');
    await context.close();
  });
});
