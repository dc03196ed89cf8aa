import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ReaderAgent } from '@madoguchi/card';
import { createTestDatabase, type TestDatabase, testEngines } from '@madoguchi/testing';
import type { Browser, BrowserContext } from 'playwright-core';
import { type Network, startNetwork } from '../../apps/portal/src/test-support/network-fixture.ts';
import { assertAccessible, launchChromium, noBrowser, shots } from './browser.ts';
import { freePort, cardLogin as loginWithCard, residentWithCard } from './resident-card.ts';

describe('わたしの情報 and やりとり履歴 in Chromium', { timeout: 240_000, skip: noBrowser }, () => {
  let db: TestDatabase;
  let net: Network;
  let agent: ReaderAgent;
  let browser: Browser;

  before(async () => {
    db = await createTestDatabase(testEngines()[0] as ReturnType<typeof testEngines>[number]);
    const agentPort = await freePort();
    net = await startNetwork(db, { CARD_AGENT_URL: `http://127.0.0.1:${agentPort}` });
    agent = await residentWithCard(net, agentPort);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await agent?.close();
    await net?.close();
    await db?.drop();
  });

  const cardLogin = (context: BrowserContext) => loginWithCard(context, net.portal.url);

  it('logs in, shows わたしの情報, then the read in やりとり履歴, and 検証 says verified', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
    const page = await cardLogin(context);

    await page.getByRole('link', { name: 'わたしの情報' }).first().click();
    await page.waitForURL(/\/mydata/);
    await page.waitForSelector('[data-testid="record"]');
    const status = page.getByTestId('agency-status');
    assert.match(await status.innerText(), /千代田区：取得済み/);
    assert.match(await status.innerText(), /日本年金機構：取得済み/);
    assert.ok((await page.getByTestId('record').count()) >= 3);
    await assertAccessible(page, 'わたしの情報');
    await page.screenshot({ path: join(shots, 'mydata-ja.png'), fullPage: true });

    await page.getByLabel('情報の種類').selectOption('chihouzei');
    await page.getByRole('button', { name: '絞り込む' }).click();
    await page.waitForURL(/category=chihouzei/);
    assert.deepEqual(
      [
        ...new Set(
          await page
            .locator('[data-category]')
            .evaluateAll((els) => els.map((e) => e.getAttribute('data-category'))),
        ),
      ],
      ['chihouzei'],
    );

    await page.getByRole('navigation').getByRole('link', { name: 'やりとり履歴' }).click();
    await page.waitForURL(/\/history/);
    const entries = page.getByTestId('history-entry');
    assert.ok((await entries.count()) >= 3);
    assert.match(await entries.first().innerText(), /デジタル庁（マイナポータル）/);
    assert.match(await entries.first().innerText(), /自己情報表示/);
    await assertAccessible(page, 'やりとり履歴');
    await page.screenshot({ path: join(shots, 'history-ja.png'), fullPage: true });

    // The newest entry may still be in the hub's write-ahead queue for a moment ("記録処理中").
    for (let i = 0; i < 50 && (await page.getByTestId('pending').count()) > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      await page.reload();
    }
    // With JavaScript, 検証 answers in place (assets/history.js); without it the form opens the result page.
    await entries
      .first()
      .getByRole('button', { name: /を検証$/ })
      .click();
    const result = entries.first().locator('[data-verify-result][data-verified="true"]');
    await result.waitFor({ timeout: 10_000 });
    assert.match(await result.innerText(), /検証済み（改ざんされていません）/);
    await assertAccessible(page, 'やりとり履歴 (verified)');
    await page.screenshot({ path: join(shots, 'history-verified-ja.png'), fullPage: true });

    // Without the script (blocked here, so axe can still run) the form opens the result page.
    await page.route('**/assets/history.js', (route) => route.abort());
    await page.reload();
    await entries
      .first()
      .getByRole('button', { name: /を検証$/ })
      .click();
    await page.waitForURL(/\/history\/verify/);
    assert.equal(await page.getByTestId('verify-result').getAttribute('data-verified'), 'true');
    await assertAccessible(page, '検証結果');
    await context.close();
  });

  it('fits a phone screen without horizontal scrolling', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 375, height: 740 } });
    const page = await cardLogin(context);
    for (const path of ['/mydata', '/history']) {
      await page.goto(`${net.portal.url}${path}`);
      const overflow = Number(
        await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'),
      );
      assert.ok(overflow <= 0, `${path} overflows by ${overflow}px`);
    }
    await page.screenshot({ path: join(shots, 'history-mobile-ja.png'), fullPage: true });
    await context.close();
  });
});
