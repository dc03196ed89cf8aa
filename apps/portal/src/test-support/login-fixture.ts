import { createPrivateKey, createSign, type KeyObject } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildJpkiApp } from '@madoguchi/jpki';
import { loadJpkiConfig } from '@madoguchi/jpki/config';
import { type BasicFacts, createCsr, generateRsaKeyPair } from '@madoguchi/pki';
import { type RunningTestService, readJson, startTestService, type TestDatabase } from '@madoguchi/testing';
import { issueCardKeys } from '../../../../packages/cli/src/card-issue.ts';
import { ensureCaHierarchy } from '../../../jpki/src/services/create-ca-hierarchy.ts';
import { buildPortalApp } from '../app.ts';
import { loadPortalConfig } from '../config.ts';

/**
 * Test-only wiring of a real jpki and a real portal over HTTP with shared keys. (Tests may import
 * another app; the apps themselves never do.)
 */
export const testSecrets = {
  JPKI_KEY_PASSPHRASE: 'k'.repeat(40),
  JPKI_STAFF_TOKEN: 's'.repeat(40),
  JPKI_PORTAL_API_KEY: 'p'.repeat(40),
  JPKI_VERIFIER_API_KEY: 'v'.repeat(40),
  JPKI_PAIRWISE_SECRET: 'w'.repeat(40),
};

export async function startJpki(
  db: TestDatabase,
  env: Record<string, string> = {},
): Promise<RunningTestService> {
  const jpki = await startTestService({
    db,
    app: 'jpki',
    loadConfig: loadJpkiConfig,
    build: buildJpkiApp,
    dataDir: mkdtempSync(join(tmpdir(), 'madoguchi-jpki-')),
    env: { ...testSecrets, ...env },
  });
  // biome-ignore lint/suspicious/noExplicitAny: the harness is generic over app schemas.
  await ensureCaHierarchy(jpki.database.db as any, testSecrets.JPKI_KEY_PASSPHRASE);
  return jpki;
}

export async function startPortal(
  db: TestDatabase,
  env: Record<string, string>,
): Promise<RunningTestService & { config: ReturnType<typeof loadPortalConfig> }> {
  return startTestService({
    db,
    app: 'portal',
    loadConfig: loadPortalConfig,
    build: buildPortalApp,
    dataDir: mkdtempSync(join(tmpdir(), 'madoguchi-portal-')),
    // No hub unless a test brings one: port 9 refuses, so a login's link attempt fails fast and locally.
    env: {
      JPKI_PORTAL_API_KEY: testSecrets.JPKI_PORTAL_API_KEY,
      JPKI_VERIFIER_API_KEY: testSecrets.JPKI_VERIFIER_API_KEY,
      HUB_URL: 'http://127.0.0.1:9',
      ...env,
    },
  });
}

export interface TestCard {
  cardSerial: string;
  authKey: KeyObject;
  authCertificatePem: string;
  residentRef: string;
}

async function csrs() {
  const auth = await generateRsaKeyPair();
  const sign = await generateRsaKeyPair();
  return {
    auth,
    authCsr: await createCsr({ privateKey: auth.privateKey, publicKey: auth.publicKey }),
    signCsr: await createCsr({ privateKey: sign.privateKey, publicKey: sign.publicKey }),
  };
}

export function staffHeaders() {
  return {
    'content-type': 'application/json',
    authorization: `Bearer ${testSecrets.JPKI_STAFF_TOKEN}`,
    'x-staff-id': 'test-staff',
  };
}

/** Issues a card with the CLI's own issuance code; the test keeps the raw keys to sign with (and to misuse). */
export async function issueTestCard(
  jpkiUrl: string,
  residentRef: string,
  facts?: BasicFacts,
): Promise<TestCard> {
  const issued = await issueCardKeys(
    { url: jpkiUrl, token: testSecrets.JPKI_STAFF_TOKEN, staffId: 'test-staff' },
    {
      residentRef,
      facts: facts ?? {
        familyName: '窓口',
        givenName: '花子',
        address: '東京都千代田区永田町一丁目1番1号',
        birthDate: '1990-04-01',
        sex: 2,
      },
    },
  );
  return {
    cardSerial: issued.cardSerial,
    authKey: issued.authKey,
    authCertificatePem: issued.auth.certificatePem,
    residentRef,
  };
}

export async function renewTestCard(jpkiUrl: string, card: TestCard): Promise<TestCard> {
  const { auth, authCsr, signCsr } = await csrs();
  const res = await fetch(`${jpkiUrl}/api/staff/cards/${card.cardSerial}/renew`, {
    method: 'POST',
    headers: staffHeaders(),
    body: JSON.stringify({ signCsr, authCsr }),
  });
  const body = await readJson(res);
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`renew failed: ${res.status} ${JSON.stringify(body)}`);
  return { ...card, authKey: auth.privateKey, authCertificatePem: body.auth.certificatePem };
}

export function signLogin(key: KeyObject | string, site: string, challenge: string): string {
  const k = typeof key === 'string' ? createPrivateKey(key) : key;
  return createSign('sha256')
    .update(`madoguchi-jpki-login\n${site}\n${challenge}`, 'utf8')
    .sign(k)
    .toString('base64');
}

export function derBase64(pem: string): string {
  return pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
}

/** A cookie jar of one cookie: enough for one browser session against the portal. */
export class Browser {
  cookie = '';
  readonly base: string;
  constructor(base: string) {
    this.base = base;
  }
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    if (init.method && init.method !== 'GET') headers.set('origin', this.base);
    const res = await fetch(`${this.base}${path}`, { ...init, headers, redirect: 'manual' });
    const set = res.headers.get('set-cookie');
    if (set) {
      const [pair] = set.split(';');
      this.cookie = pair?.endsWith('=') ? '' : (pair ?? '');
    }
    return res;
  }
  async form(path: string, fields: Record<string, string>): Promise<Response> {
    return this.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }
}

export function dataAttr(page: string, name: string): string {
  const m = new RegExp(`data-${name}="([^"]*)"`).exec(page);
  if (!m?.[1]) throw new Error(`no data-${name} in page`);
  return m[1];
}

export function csrfOf(page: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(page);
  if (!m?.[1]) throw new Error('no _csrf in page');
  return m[1];
}

/** Opens /login, signs its challenge with the card's key and posts the result. */
export async function cardLogin(
  browser: Browser,
  card: { authKey: KeyObject; authCertificatePem: string },
  options: { site?: string; mutate?: (body: Record<string, string>) => unknown } = {},
): Promise<Response> {
  const page = await (await browser.fetch('/login')).text();
  const challenge = dataAttr(page, 'challenge');
  const body: Record<string, string> = {
    challengeId: dataAttr(page, 'challenge-id'),
    certificate: derBase64(card.authCertificatePem),
    signature: signLogin(card.authKey, options.site ?? browser.base, challenge),
  };
  await options.mutate?.(body);
  return browser.fetch('/login/verify', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': dataAttr(page, 'csrf') },
    body: JSON.stringify(body),
  });
}
