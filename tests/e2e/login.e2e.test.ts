import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type ReaderAgent, startReaderAgent } from '@madoguchi/card';
import {
  createTestDatabase,
  type MailCatcher,
  type RunningTestService,
  startTestMailCatcher,
  type TestDatabase,
  testEngines,
} from '@madoguchi/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  staffHeaders,
  startJpki,
  startPortal,
  testSecrets,
} from '../../apps/portal/src/test-support/login-fixture.ts';
import { issueCardForResident } from '../../packages/cli/src/card-issue.ts';
import { assertAccessible, launchChromium, noBrowser, shots } from './browser.ts';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const pins = { auth: '1234', sign: 'ABC123', support: '5678' };

/** A virtual card made by the same code as `madoguchi card issue` (the resident is given, not looked up). */
async function issueCardFile(jpkiUrl: string, dir: string, name: string, residentId: string) {
  const path = join(dir, `${name}.json`);
  const { cardSerial } = await issueCardForResident(
    { url: jpkiUrl, token: testSecrets.JPKI_STAFF_TOKEN, staffId: 'e2e' },
    {
      residentRef: `agency:131016:${residentId}`,
      facts: {
        familyName: 'デジタル',
        givenName: name,
        address: '東京都千代田区永田町一丁目1番1号',
        birthDate: '1985-04-01',
        sex: 2,
      },
      pins,
      out: path,
      label: `デジタル ${name}`,
    },
  );
  return { path, cardSerial };
}

describe('card login in Chromium', { timeout: 180_000, skip: noBrowser }, () => {
  let db: TestDatabase;
  let jpki: RunningTestService;
  let portal: RunningTestService;
  let mail: MailCatcher;
  let browser: Browser;
  const agents: ReaderAgent[] = [];
  let agentPorts: { good: number; locked: number; revoked: number };

  before(async () => {
    db = await createTestDatabase(testEngines()[0] as ReturnType<typeof testEngines>[number]);
    mail = await startTestMailCatcher();
    jpki = await startJpki(db);
    agentPorts = { good: await freePort(), locked: await freePort(), revoked: await freePort() };
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    for (const a of agents) await a.close();
    await portal?.close();
    await jpki?.close();
    await mail?.close();
    await db?.drop();
  });

  /** A portal that talks to the agent on `agentPort`, and that agent holding one card. */
  async function setUp(agentPort: number, card: { path: string }) {
    portal = await startPortal(db, {
      JPKI_URL: jpki.url,
      CARD_AGENT_URL: `http://127.0.0.1:${agentPort}`,
      SMTP_PORT: String(mail.smtpPort),
      PORTAL_OCSP_CACHE_SECONDS: '0',
    });
    agents.push(
      await startReaderAgent({ cards: [card.path], port: agentPort, allowedOrigins: [portal.url] }),
    );
  }

  async function loginThroughAgent(context: BrowserContext, page: Page, pin: string): Promise<Page> {
    await page.goto(`${portal.url}/`);
    await page.getByRole('link', { name: 'マイナンバーカードでログイン' }).first().click();
    await page.waitForURL(/\/login/);
    const popupPromise = context.waitForEvent('page');
    await page.getByRole('button', { name: 'マイナンバーカードでログイン' }).click();
    const agentPage = await popupPromise;
    await agentPage.waitForLoadState();
    assert.match(await agentPage.locator('body').innerText(), new RegExp(portal.url.replaceAll('.', '\\.')));
    await agentPage.getByLabel(/利用者証明用暗証番号/).fill(pin);
    await agentPage.getByRole('button', { name: '承認' }).click();
    return agentPage;
  }

  it('logs in with the card through the reader agent, sets a nickname, and logs out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-e2e-cards-'));
    const card = await issueCardFile(jpki.url, dir, '花子', '00000000-0000-4000-8000-0000000000a1');
    await setUp(agentPorts.good, card);
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${portal.url}/login`);
    await assertAccessible(page, 'login page');
    await page.screenshot({ path: join(shots, 'login-ja.png'), fullPage: true });
    const agentPage = await loginThroughAgent(context, page, pins.auth);
    await agentPage.waitForSelector('text=完了しました');
    await agentPage.screenshot({ path: join(shots, 'agent-done.png'), fullPage: true });
    await page.waitForURL(/\/mypage/, { timeout: 15_000 });
    assert.match(await page.locator('main').innerText(), /はじめてのログインです/);
    await assertAccessible(page, 'mypage (first login)');

    await page.getByRole('link', { name: 'アカウント設定へ' }).click();
    await page.waitForURL(/\/account/);
    await page.getByLabel('ニックネーム').fill('はなこ');
    await page.getByLabel('通知用メールアドレス').fill('hanako.e2e@example.jp');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.waitForSelector('[data-testid="account-notice"]');
    assert.match(String(await page.getByTestId('account-notice').textContent()), /確認メールを送信しました/);
    await assertAccessible(page, 'account settings');
    const message = await mail.waitForMessage('hanako.e2e@example.jp', 10_000);
    const link = /(http:\/\/\S+\/account\/email\/confirm\?token=\S+)/.exec(message.text ?? '')?.[1] as string;
    // The mail links to the configured public URL; this portal listens on an ephemeral port.
    const url = new URL(link);
    await page.goto(`${portal.url}${url.pathname}${url.search}`);
    await page.getByRole('button', { name: '登録する' }).click();
    await page.waitForSelector('[data-testid="confirm-done"]');

    await page.goto(`${portal.url}/mypage`);
    assert.equal(await page.getByTestId('greeting').textContent(), 'はなこ さん、ようこそ');
    await page.screenshot({ path: join(shots, 'mypage-ja.png'), fullPage: true });
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL(/\/login\?notice=loggedOut/);
    assert.match(await page.locator('main').innerText(), /ログアウトしました/);
    await page.goto(`${portal.url}/mypage`);
    await page.waitForURL(/\/login$/);
    await context.close();
  });

  it('locks the card after three wrong PINs and says so on the portal', async () => {
    await portal.close();
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-e2e-cards-'));
    const card = await issueCardFile(jpki.url, dir, '次郎', '00000000-0000-4000-8000-0000000000a2');
    await setUp(agentPorts.locked, card);
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    const agentPage = await loginThroughAgent(context, page, '0000');
    await agentPage.waitForSelector('text=あと 2 回');
    await agentPage.getByLabel(/利用者証明用暗証番号/).fill('0001');
    await agentPage.getByRole('button', { name: '承認' }).click();
    await agentPage.waitForSelector('text=あと 1 回');
    await agentPage.getByLabel(/利用者証明用暗証番号/).fill('0002');
    await agentPage.getByRole('button', { name: '承認' }).click();
    await agentPage.waitForSelector('text=カードがロックされました');
    await page.waitForSelector('#card-login-status.status-message--error');
    assert.match(String(await page.locator('#card-login-status').textContent()), /ロックされました/);
    await page.screenshot({ path: join(shots, 'login-locked-ja.png'), fullPage: true });
    await context.close();
  });

  it('refuses a revoked card with a clear message', async () => {
    await portal.close();
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-e2e-cards-'));
    const card = await issueCardFile(jpki.url, dir, '三郎', '00000000-0000-4000-8000-0000000000a3');
    const revoke = await fetch(`${jpki.url}/api/staff/cards/${card.cardSerial}/revoke`, {
      method: 'POST',
      headers: staffHeaders(),
      body: JSON.stringify({ kind: 'auth', reason: 'keyCompromise' }),
    });
    assert.equal(revoke.status, 200);
    await setUp(agentPorts.revoked, card);
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    const agentPage = await loginThroughAgent(context, page, pins.auth);
    await agentPage.waitForSelector('text=完了しました');
    await page.waitForSelector('#card-login-status.status-message--error');
    assert.match(String(await page.locator('#card-login-status').textContent()), /失効しています/);
    assert.match(page.url(), /\/login/);
    await page.screenshot({ path: join(shots, 'login-revoked-ja.png'), fullPage: true });
    await context.close();
  });
});
