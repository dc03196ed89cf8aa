import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ReaderAgent } from '@madoguchi/card';
import {
  buildEDeliveryApp,
  loadEDeliveryConfig,
  loadIssuerKeys,
  openStore,
  seedDemoData,
} from '@madoguchi/e-delivery';
import {
  createTestDatabase,
  type MailCatcher,
  startTestMailCatcher,
  type TestDatabase,
  testEngines,
} from '@madoguchi/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { agencyTestSecrets } from '../../apps/agency/src/test-support/agency-fixture.ts';
import { type Network, startNetwork } from '../../apps/portal/src/test-support/network-fixture.ts';
import { assertAccessible, launchChromium, noBrowser, shots } from './browser.ts';
import { freePort, cardLogin as loginWithCard, residentWithCard } from './resident-card.ts';

const clientSecret = 'e-delivery-e2e-client-secret-0123456789';

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('お知らせ and e-delivery in Chromium', { timeout: 300_000, skip: noBrowser }, () => {
  let db: TestDatabase;
  let net: Network;
  let mail: MailCatcher;
  let agent: ReaderAgent;
  let browser: Browser;
  let eDelivery: Awaited<ReturnType<typeof buildEDeliveryApp>>;
  let eDeliveryUrl: string;

  before(async () => {
    db = await createTestDatabase(testEngines()[0] as ReturnType<typeof testEngines>[number]);
    mail = await startTestMailCatcher();
    const agentPort = await freePort();
    const eDeliveryPort = await freePort();
    eDeliveryUrl = `http://127.0.0.1:${eDeliveryPort}`;
    net = await startNetwork(
      db,
      {
        CARD_AGENT_URL: `http://127.0.0.1:${agentPort}`,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(mail.smtpPort),
        E_DELIVERY_URL: eDeliveryUrl,
        E_DELIVERY_CLIENT_SECRET: clientSecret,
      },
      { AGENCY_JOB_WORKER: 'on' },
    );
    const config = loadEDeliveryConfig({
      env: {
        MADOGUCHI_ENV: 'test',
        MADOGUCHI_DATA_DIR: mkdtempSync(join(tmpdir(), 'madoguchi-e2e-edelivery-')),
        E_DELIVERY_CLIENT_SECRET: clientSecret,
        E_DELIVERY_ADMIN_TOKEN: 'e-delivery-e2e-admin-token-0123456789',
        E_DELIVERY_REDIRECT_URI: 'http://127.0.0.1:3000/account/e-delivery/callback',
        PORTAL_URL: net.portal.url,
      },
    });
    const store = openStore(config.storeDir);
    const keys = await loadIssuerKeys(config.storeDir, () => {});
    seedDemoData(store, keys, () => {});
    eDelivery = await buildEDeliveryApp({ config, store, keys });
    await eDelivery.listen({ host: '127.0.0.1', port: eDeliveryPort });

    agent = await residentWithCard(net, agentPort);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await agent?.close();
    await eDelivery?.close();
    await net?.close();
    await mail?.close();
    await db?.drop();
  });

  async function cardLogin(context: BrowserContext): Promise<Page> {
    // Links the portal writes for outside parties (mail, OAuth redirect_uri) name its configured public
    // URL; the test portal listens elsewhere, so the browser is pointed there.
    await context.route('http://127.0.0.1:3000/**', (route) =>
      route.continue({ url: route.request().url().replace('http://127.0.0.1:3000', net.portal.url) }),
    );
    return loginWithCard(context, net.portal.url);
  }

  /** Sets and confirms the notification address through the confirmation mail, then empties the catcher. */
  async function confirmAlertAddress(page: Page, address: string): Promise<void> {
    await page.goto(`${net.portal.url}/account`);
    await page.getByLabel('通知用メールアドレス').fill(address);
    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByTestId('account-notice').waitFor();
    const message = await mail.waitForMessage(address, 10_000);
    const link = /(http:\/\/\S+\/account\/email\/confirm\?token=\S+)/.exec(message.text ?? '')?.[1] as string;
    const url = new URL(link);
    await page.goto(`${net.portal.url}${url.pathname}${url.search}`);
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByTestId('confirm-done').waitFor();
    mail.clear();
  }

  /** Agency staff send a segment notice from the staff page (no JavaScript needed there). */
  async function staffSendsSegmentNotice(
    context: BrowserContext,
    title: string,
    kind: string,
  ): Promise<void> {
    const staff = await context.newPage();
    await staff.goto(`${net.agency.url}/staff/login`);
    await staff.locator('#staffId').fill('e2e-staff');
    await staff.locator('#token').fill(agencyTestSecrets.AGENCY_STAFF_TOKEN);
    await staff.locator('form[action^="/staff/login"] button[type=submit]').click();
    await staff.goto(`${net.agency.url}/staff/notices?code=131016`);
    await staff.locator('#kind').selectOption(kind);
    await staff.locator('#title').fill(title);
    await staff
      .locator('#body')
      .fill('対象の方にお知らせします。詳しくは https://www.city.chiyoda.lg.jp/ をご覧ください。');
    await staff.locator('#audience-segment').check();
    await staff.locator('#rule').fill(
      JSON.stringify({
        all: [
          { field: 'resident.municipality', op: 'eq', value: '131016' },
          { field: 'resident.ageYears', op: 'between', value: [41, 41] },
        ],
      }),
    );
    await staff.locator('button[name=intent][value=preview]').click();
    await staff.waitForLoadState();
    assert.match(await staff.locator('main').innerText(), /[1-9][0-9]*\s*(人|件|recipients)/);
    await assertAccessible(staff, 'staff notice compose (preview)');
    await staff.locator('button[name=intent][value=send]').click();
    await staff.waitForLoadState();
    await staff.screenshot({ path: join(shots, 'staff-notice-sent-ja.png'), fullPage: true });
    await staff.close();
  }

  it('staff send a segment notice from the staff page; the resident sees the badge and opens it (read)', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
    const page = await cardLogin(context);
    await confirmAlertAddress(page, 'hanako.notices@example.jp');
    await staffSendsSegmentNotice(context, '3〜4か月児健康診査のご案内（E2E）', 'checkup');

    await until('the notice in the inbox', async () => {
      await page.goto(`${net.portal.url}/notices`);
      return (await page.getByTestId('notice-item').count()) > 0 ? true : undefined;
    });
    const badge = page.getByTestId('unread-badge');
    assert.equal(await badge.first().getAttribute('data-unread'), '1');
    const item = page.getByTestId('notice-item').first();
    assert.equal(await item.getAttribute('data-read'), 'false');
    await assertAccessible(page, 'お知らせ一覧');
    await page.screenshot({ path: join(shots, 'notices-ja.png'), fullPage: true });

    await item.getByRole('link').first().click();
    await page.waitForURL(/\/notices\/\d+/);
    assert.equal(await page.getByTestId('notice-title').innerText(), '3〜4か月児健康診査のご案内（E2E）');
    assert.equal(
      await page.getByTestId('notice-body').getByRole('link').first().getAttribute('href'),
      'https://www.city.chiyoda.lg.jp/',
    );
    await assertAccessible(page, 'お知らせ詳細');
    await page.goto(`${net.portal.url}/notices`);
    assert.equal(await page.getByTestId('notice-item').first().getAttribute('data-read'), 'true');
    assert.equal(await page.getByTestId('unread-badge').first().getAttribute('data-unread'), '0');

    // The alert mail says only that a notice arrived: no title, no body, no sender.
    const alert = await mail.waitForMessage('hanako.notices@example.jp', 20_000);
    assert.match(alert.subject ?? '', /お知らせが届きました/);
    assert.match(alert.text ?? '', /\/notices/);
    assert.doesNotMatch(alert.text ?? '', /健康診査|千代田区/);
    await context.close();
  });

  it('the resident links e-delivery (OAuth consent there); the next notice lands in that mailbox', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
    const page = await cardLogin(context);
    await page.goto(`${net.portal.url}/account/e-delivery`);
    await page.getByRole('button', { name: '民間送達サービスと連携する' }).click();
    // The e-delivery service asks its own user to log in, then to consent.
    await page.waitForURL(new RegExp(`^${eDeliveryUrl}/login`));
    await page.getByLabel('ログインID').fill('hanako');
    await page.getByLabel('パスワード').fill('hanako-demo-pass');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.waitForURL(new RegExp(`^${eDeliveryUrl}/oauth/consent`));
    await assertAccessible(page, 'e-delivery consent');
    await page.getByRole('button', { name: '許可する' }).click();
    await page.waitForURL(/\/account\/e-delivery\?notice=linked/);
    await page.getByTestId('e-delivery-linked').waitFor();
    await assertAccessible(page, '民間送達サービス連携');
    await page.screenshot({ path: join(shots, 'e-delivery-linked-ja.png'), fullPage: true });

    const title = '予防接種（四種混合）のご案内（E2E）';
    await staffSendsSegmentNotice(context, title, 'vaccination');
    const mailbox = await context.newPage();
    await until('the notice in the e-delivery mailbox', async () => {
      await mailbox.goto(`${eDeliveryUrl}/`);
      return (await mailbox.getByText(title).count()) > 0 ? true : undefined;
    });
    assert.match(await mailbox.locator('main').innerText(), /予防接種（四種混合）のご案内（E2E） — 千代田区/);
    await mailbox.screenshot({ path: join(shots, 'e-delivery-mailbox-ja.png'), fullPage: true });
    // 控除証明書 issued into that mailbox (seeded by the demo companies) come into the portal verified.
    await page.goto(`${net.portal.url}/deductions`);
    await page.getByRole('button', { name: '民間送達サービスから取り込む' }).click();
    await page.getByTestId('deductions-imported').waitFor();
    const rows = page.getByTestId('deductions').locator('tbody tr');
    assert.equal(await rows.count(), 2);
    assert.match(await rows.nth(0).innerText(), /✓ 検証済み/);
    assert.match(await rows.nth(1).innerText(), /✓ 検証済み/);
    await assertAccessible(page, '控除証明書');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /まとめて|ZIP|一括/ }).click();
    assert.match((await download).suggestedFilename(), /\.zip$/);
    // The portal shows the delivery's status to the resident.
    await until('the delivery status on the portal', async () => {
      await page.goto(`${net.portal.url}/account/e-delivery`);
      return /送達済み/.test(await page.locator('main').innerText()) ? true : undefined;
    });
    await context.close();
  });
});
