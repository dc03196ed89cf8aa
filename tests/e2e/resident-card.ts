/**
 * What the network e2e tests share: a resident of 千代田区 on the test network holding a card in a
 * reader agent, and the card login as a person performs it (the agent's window asks for the PIN).
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ReaderAgent, startReaderAgent } from '@madoguchi/card';
import type { BrowserContext, Page } from 'playwright-core';
import { testSecrets } from '../../apps/portal/src/test-support/login-fixture.ts';
import type { Network } from '../../apps/portal/src/test-support/network-fixture.ts';
import { issueCardForResident } from '../../packages/cli/src/card-issue.ts';

export const pins = { auth: '1234', sign: 'ABC123', support: '5678' };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Registers a resident, links the network, issues their card and serves it from a reader agent. */
export async function residentWithCard(net: Network, agentPort: number): Promise<ReaderAgent> {
  const resident = await net.addResident();
  await net.link();
  const path = join(mkdtempSync(join(tmpdir(), 'madoguchi-e2e-cards-')), 'hanako.json');
  await issueCardForResident(
    { url: net.jpki.url, token: testSecrets.JPKI_STAFF_TOKEN, staffId: 'e2e' },
    {
      residentRef: `agency:131016:${resident.id}`,
      facts: resident.facts,
      pins,
      out: path,
      label: 'デジタル 花子',
    },
  );
  return startReaderAgent({ cards: [path], port: agentPort, allowedOrigins: [net.portal.url] });
}

/** Logs in with the card from the portal's login page; resolves on マイページ. */
export async function cardLogin(context: BrowserContext, portalUrl: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${portalUrl}/login`);
  const popupPromise = context.waitForEvent('page');
  await page.getByRole('button', { name: 'マイナンバーカードでログイン' }).click();
  const agentPage = await popupPromise;
  await agentPage.waitForLoadState();
  await agentPage.getByLabel(/利用者証明用暗証番号/).fill(pins.auth);
  await agentPage.getByRole('button', { name: '承認' }).click();
  await page.waitForURL(/\/mypage/, { timeout: 15_000 });
  return page;
}
