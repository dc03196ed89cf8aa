import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ReaderAgent } from '@madoguchi/card';
import {
  createTestDatabase,
  type RunningTestService,
  type TestDatabase,
  testEngines,
} from '@madoguchi/testing';
import type { Browser } from 'playwright-core';
import { type Network, startNetwork } from '../../apps/portal/src/test-support/network-fixture.ts';
import { minimalPng } from '../../packages/e-application/src/test-files.ts';
import { assertAccessible, launchChromium, noBrowser, shots } from './browser.ts';
import { cardLogin, freePort, pins, residentWithCard } from './resident-card.ts';

// Issue 7 so far: search (no login) → service page with personalised documents → the application form
// (card login) → 一時保存 and resume → review errors linked to their fields. Signing comes next.
describe('ぴったりサービス in Chromium', { timeout: 300_000, skip: noBrowser }, () => {
  let db: TestDatabase;
  let net: Network;
  let portal: RunningTestService;
  let agent: ReaderAgent;
  let browser: Browser;

  before(async () => {
    db = await createTestDatabase(testEngines()[0] as ReturnType<typeof testEngines>[number]);
    const agentPort = await freePort();
    net = await startNetwork(db);
    // A portal that follows the real agency's catalogue feed and knows the card agent.
    portal = await net.startPortal({
      AGENCY_URL: net.agency.url,
      CATALOGUE_SYNC_SECONDS: '1',
      CARD_AGENT_URL: `http://127.0.0.1:${agentPort}`,
    });
    agent = await residentWithCard({ ...net, portal }, agentPort);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await agent?.close();
    await net?.close();
    await db?.drop();
  });

  it('finds 児童手当 from hiragana, shows the personalised documents, and keeps a draft of the form', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // The index fills in the background (feed + dictionary): the page says 準備中 until then.
    const deadline = Date.now() + 30_000;
    for (;;) {
      await page.goto(`${portal.url}/services?q=${encodeURIComponent('じどうてあて')}&municipality=131016`);
      if ((await page.getByTestId('service-result').count()) > 0 || Date.now() > deadline) break;
      await page.waitForTimeout(250);
    }
    // Every 児童手当 procedure matches; the claim itself (the shortest title) comes first.
    assert.equal(
      await page.getByTestId('service-result').first().getAttribute('data-service'),
      '131016/jidou-teate-nintei',
    );
    const first = page.locator('[data-testid="service-result"][data-service="131016/jidou-teate-nintei"]');
    await assertAccessible(page, 'サービス検索');
    await page.screenshot({ path: join(shots, 'services-search-ja.png'), fullPage: true });

    await first.getByRole('link').first().click();
    await page.waitForURL(/\/services\/131016\/jidou-teate-nintei/);
    assert.match(await page.getByTestId('service-title').innerText(), /児童手当/);
    await assertAccessible(page, 'サービス詳細');
    await page.screenshot({ path: join(shots, 'service-detail-ja.png'), fullPage: true });

    // Applying needs the card login; the form is rendered from the service definition.
    const logged = await cardLogin(context, portal.url);
    await logged.goto(`${portal.url}/services/131016/jidou-teate-nintei/apply`);
    await logged.getByTestId('save').first().waitFor();
    await assertAccessible(logged, '申請フォーム');
    const firstText = logged.locator('main form input[type=text]').first();
    await firstText.fill('デジタル');
    const name = await firstText.getAttribute('name');
    await logged.getByTestId('save').first().click();
    await logged.getByTestId('saved-at').waitFor();
    assert.match(await logged.getByTestId('saved-at').innerText(), /一時保存しました/);
    await logged.goto(`${portal.url}/services/131016/jidou-teate-nintei/apply`);
    assert.equal(await logged.locator(`[name="${name}"]`).inputValue(), 'デジタル');

    // Review with required answers missing: an error summary whose links lead to the fields.
    await logged.getByTestId('review').first().click();
    const summary = logged.getByTestId('error-summary');
    await summary.waitFor();
    const link = summary.getByRole('link').first();
    const target = (await link.getAttribute('href')) as string;
    assert.match(target, /^#/);
    assert.equal(await logged.locator(target).count(), 1, `${target} exists on the page`);
    await assertAccessible(logged, '申請フォーム（エラー）');
    await logged.screenshot({ path: join(shots, 'apply-errors-ja.png'), fullPage: true });

    // Fill it in as デジタル 花子 (her card says 昭和60年4月1日), attach a photo, review, sign with the card.
    const answers: [string, string][] = [
      ['/applicant/familyName', 'デジタル'],
      ['/applicant/givenName', '花子'],
      ['/applicant/familyNameKana', 'デジタル'],
      ['/applicant/givenNameKana', 'ハナコ'],
      ['/applicant/birthDate:year', '60'],
      ['/applicant/birthDate:month', '4'],
      ['/applicant/birthDate:day', '1'],
      ['/applicant/myNumber', '123456789018'],
      ['/applicant/postalCode', '100-0014'],
      ['/applicant/address', '東京都千代田区永田町一丁目1番1号'],
      ['/applicant/phone', '03-1234-5678'],
      ['/children/0/familyName', 'デジタル'],
      ['/children/0/givenName', '一郎'],
      ['/children/0/familyNameKana', 'デジタル'],
      ['/children/0/givenNameKana', 'イチロウ'],
      ['/children/0/birthDate', '2024-05-01'],
      ['/children/0/myNumber', '234567890123'],
      ['/bank/bankName', '窓口銀行'],
      ['/bank/bankCode', '0001'],
      ['/bank/branchName', '本店'],
      ['/bank/branchCode', '001'],
      ['/bank/accountNumber', '1234567'],
      ['/bank/holderKana', 'デジタル ハナコ'],
    ];
    for (const [field, value] of answers) await logged.locator(`[name="${field}"]`).fill(value);
    await logged.locator('[name="/applicant/birthDate:era"]').selectOption('昭和');
    for (const [field, value] of [
      ['/applicant/pension', 'kokumin'],
      ['/hasSpouse', 'false'],
      ['/children/0/livesTogether', 'true'],
      ['/accountChoice', 'other'],
      ['/bank/accountType', 'futsu'],
    ] as const) {
      const control = logged.locator(`[name="${field}"]`);
      if ((await control.first().evaluate((e) => e.tagName)) === 'SELECT') await control.selectOption(value);
      else await logged.locator(`[name="${field}"][value="${value}"]`).check();
    }
    await logged.locator('[name="/children/0/relationship"]').selectOption('child');
    await logged.getByTestId('save').first().click();
    await logged.getByTestId('saved-at').waitFor();
    const kouza = logged.locator('[data-testid="document"][data-document="kouza-kakunin"]');
    await kouza
      .locator('input[type=file]')
      .setInputFiles({ name: '通帳.png', mimeType: 'image/png', buffer: Buffer.from(minimalPng()) });
    await kouza.locator('button[type=submit]').click();
    await logged.locator('[data-testid="attachment"]').first().waitFor();
    await logged.getByTestId('review').first().click();
    await logged.waitForURL(/\/apply\/review/);
    await assertAccessible(logged, '申請内容の確認');
    const signPopup = context.waitForEvent('page');
    await logged.getByTestId('sign').click();
    const agentPage = await signPopup;
    await agentPage.waitForLoadState();
    await agentPage.getByLabel(/署名用/).fill(pins.sign);
    await agentPage.getByRole('button', { name: '承認' }).click();
    await logged
      .waitForURL(/\/applications\/[0-9a-f-]{36}/, { timeout: 20_000 })
      .catch(async (err: unknown) => {
        throw new Error(`no receipt page; the portal said: ${await logged.locator('main').innerText()}`, {
          cause: err,
        });
      });
    const receipt = await logged.getByTestId('receipt-number').innerText();
    assert.match(receipt, /^\d{8}-\d{4}-\d{4}-\d$/);
    await assertAccessible(logged, '受付完了');
    await logged.screenshot({ path: join(shots, 'apply-submitted-ja.png'), fullPage: true });
    await context.close();
  });
});
