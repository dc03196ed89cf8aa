import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyDeduction } from '@madoguchi/deduction';
import { publicJwk, signRequest } from '@madoguchi/http-signatures';
import { buildEDeliveryApp } from './app.ts';
import { loadEDeliveryConfig } from './config.ts';
import { seedDemoData } from './demo-data.ts';
import { loadIssuerKeys } from './issuers.ts';
import { openStore, type Store } from './store.ts';

const dir = mkdtempSync(join(tmpdir(), 'e-delivery-test-'));
const secret = randomBytes(32).toString('base64url');
const adminToken = randomBytes(32).toString('base64url');
const redirectUri = 'http://localhost:3999/account/e-delivery/callback';
// The portal's webhook key, published as a JWKS by a tiny real HTTP server standing in for the portal.
const portalKey = generateKeyPairSync('ed25519');
const jwk = publicJwk(portalKey.publicKey);
let jwks = { keys: [jwk] };
let portal: Server;
let base: string;
let store: Store;
let app: Awaited<ReturnType<typeof buildEDeliveryApp>>;

before(async () => {
  portal = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(req.url === '/.well-known/webhook-keys.json' ? JSON.stringify(jwks) : '{}');
  });
  await new Promise<void>((r) => portal.listen(0, '127.0.0.1', r));
  const portalUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
  const config = loadEDeliveryConfig({
    env: {
      MADOGUCHI_ENV: 'test',
      MADOGUCHI_DATA_DIR: dir,
      E_DELIVERY_CLIENT_SECRET: secret,
      E_DELIVERY_ADMIN_TOKEN: adminToken,
      E_DELIVERY_REDIRECT_URI: redirectUri,
      PORTAL_URL: portalUrl,
      E_DELIVERY_WEBHOOK_DELAY_MS: '300',
    },
  });
  store = openStore(config.storeDir);
  const keys = await loadIssuerKeys(config.storeDir, () => {});
  seedDemoData(store, keys, () => {});
  app = await buildEDeliveryApp({ config, store, keys });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

after(async () => {
  await app.close();
  store.close();
  await new Promise((r) => portal.close(r));
  rmSync(dir, { recursive: true, force: true });
});

/** A browser: follows nothing by itself, keeps cookies. */
class Browser {
  cookies = new Map<string, string>();
  async go(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(new URL(path, base), { ...init, headers, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = (pair as string).split('=');
      if (v) this.cookies.set(k as string, v);
      else this.cookies.delete(k as string);
    }
    return res;
  }
  post(path: string, form: Record<string, string>): Promise<Response> {
    return this.go(path, { method: 'POST', body: new URLSearchParams(form) });
  }
}

const field = (page: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]+)"`).exec(page)?.[1] ?? '';

async function login(b: Browser, user: string, password: string, next = '/'): Promise<Response> {
  const form = await (await b.go(`/login?next=${encodeURIComponent(next)}`)).text();
  return b.post('/login', { login: user, password, pre: field(form, 'pre'), next });
}

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

async function authorize(b: Browser, challenge: string, state = 'st-1'): Promise<URL> {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: 'madoguchi-portal',
    redirect_uri: redirectUri,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const start = await b.go(`/oauth/authorize?${q}`);
  assert.equal(start.status, 303);
  let next = start.headers.get('location') as string;
  if (next.startsWith('/login')) {
    const r = await login(
      b,
      'hanako',
      'hanako-demo-pass',
      new URL(next, base).searchParams.get('next') as string,
    );
    assert.equal(r.status, 303);
    next = r.headers.get('location') as string;
  }
  const consent = await (await b.go(next)).text();
  assert.match(consent, /連携の確認/);
  const done = await b.post('/oauth/consent', {
    csrf: field(consent, 'csrf'),
    req: field(consent, 'req'),
    decision: 'approve',
  });
  assert.equal(done.status, 303);
  return new URL(done.headers.get('location') as string);
}

const basic = (id: string, s: string) => `Basic ${Buffer.from(`${id}:${s}`).toString('base64')}`;
const token = (
  code: string,
  verifier: string,
  auth = basic('madoguchi-portal', secret),
  redirect = redirectUri,
) =>
  fetch(`${base}/oauth/token`, {
    method: 'POST',
    headers: { authorization: auth },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirect,
      code_verifier: verifier,
    }),
  });

describe('OAuth 2.0 code + PKCE', () => {
  it('links: login, consent, code, token, and the certificate API with verifiable XML', async () => {
    const b = new Browser();
    const { verifier, challenge } = pkce();
    const back = await authorize(b, challenge, 'state-xyz');
    assert.equal(`${back.origin}${back.pathname}`, redirectUri);
    assert.equal(back.searchParams.get('state'), 'state-xyz');
    const res = await token(back.searchParams.get('code') as string, verifier);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const t = (await res.json()) as {
      access_token: string;
      token_type: string;
      mailbox_id: string;
      expires_in: number;
    };
    assert.equal(t.token_type, 'Bearer');
    assert.ok(t.expires_in > 0 && t.mailbox_id.length > 0);
    const list = await fetch(`${base}/api/certificates`, {
      headers: { authorization: `Bearer ${t.access_token}` },
    });
    assert.equal(list.status, 200);
    const body = (await list.json()) as { mailboxId: string; certificates: { xml: string; form: string }[] };
    assert.equal(body.mailboxId, t.mailbox_id);
    assert.deepEqual(body.certificates.map((c) => c.form).sort(), ['TEG800', 'TEG822']);
    const anchor = await (await fetch(`${base}/ca.pem`)).text();
    for (const c of body.certificates) assert.equal(verifyDeduction(c.xml, anchor).ok, true);
    assert.equal((await fetch(`${base}/api/certificates`)).status, 401);
    assert.equal(
      (await fetch(`${base}/api/certificates`, { headers: { authorization: 'Bearer x' } })).status,
      401,
    );
  });

  it('refuses a wrong verifier (and spends the code), a replayed code (revoking its token), a bad client', async () => {
    const b = new Browser();
    const one = pkce();
    const code1 = (await authorize(b, one.challenge)).searchParams.get('code') as string;
    const wrong = await token(code1, pkce().verifier);
    assert.equal(wrong.status, 400);
    assert.equal(((await wrong.json()) as { error: { code: string } }).error.code, 'oauth.invalid_grant');
    assert.equal((await token(code1, one.verifier)).status, 400);

    const two = pkce();
    const code2 = (await authorize(b, two.challenge)).searchParams.get('code') as string;
    assert.equal((await token(code2, two.verifier, basic('madoguchi-portal', 'wrong'))).status, 401);
    assert.equal((await token(code2, two.verifier, undefined, 'http://localhost:3999/other')).status, 400);
    const three = pkce();
    const code3 = (await authorize(b, three.challenge)).searchParams.get('code') as string;
    const first = (await (await token(code3, three.verifier)).json()) as { access_token: string };
    const api = () =>
      fetch(`${base}/api/certificates`, { headers: { authorization: `Bearer ${first.access_token}` } });
    assert.equal((await api()).status, 200);
    assert.equal((await token(code3, three.verifier)).status, 400);
    assert.equal((await api()).status, 401, 'the token obtained with a replayed code is revoked');
  });

  it('never redirects to an unregistered redirect URI and requires S256', async () => {
    const { challenge } = pkce();
    const q = (o: Record<string, string>) =>
      new URLSearchParams({
        response_type: 'code',
        client_id: 'madoguchi-portal',
        redirect_uri: redirectUri,
        state: 's',
        code_challenge: challenge,
        code_challenge_method: 'S256',
        ...o,
      });
    const bads: Record<string, string>[] = [
      { redirect_uri: 'https://evil.example/cb' },
      { redirect_uri: `${redirectUri}/` },
      { client_id: 'someone' },
      { code_challenge_method: 'plain' },
      { code_challenge: 'short' },
      { state: '' },
    ];
    for (const bad of bads) {
      const res = await fetch(`${base}/oauth/authorize?${q(bad)}`, {
        redirect: 'manual',
        headers: { accept: 'application/json' },
      });
      assert.equal(res.status, 400, JSON.stringify(bad));
      assert.equal(res.headers.get('location'), null);
    }
  });

  it('sends a denial back with access_denied and no code', async () => {
    const b = new Browser();
    await login(b, 'taro', 'taro-demo-pass');
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: 'madoguchi-portal',
      redirect_uri: redirectUri,
      state: 's2',
      code_challenge: pkce().challenge,
      code_challenge_method: 'S256',
    });
    const consent = await (
      await b.go((await b.go(`/oauth/authorize?${q}`)).headers.get('location') as string)
    ).text();
    const done = await b.post('/oauth/consent', {
      csrf: field(consent, 'csrf'),
      req: field(consent, 'req'),
      decision: 'deny',
    });
    const back = new URL(done.headers.get('location') as string);
    assert.equal(back.searchParams.get('error'), 'access_denied');
    assert.equal(back.searchParams.get('code'), null);
    // A consent post without the session's CSRF token does nothing.
    const forged = await b.post('/oauth/consent', {
      csrf: 'nope',
      req: field(consent, 'req'),
      decision: 'approve',
    });
    assert.equal(forged.status, 403);
  });
});

describe('signed webhooks', () => {
  const mailboxOf = (login: string) =>
    (store.prepare('select mailbox_id from users where login = ?').get(login) as { mailbox_id: string })
      .mailbox_id;
  const count = (deliveryId: string) =>
    (
      store.prepare('select count(*) as n from messages where delivery_id = ?').get(deliveryId) as {
        n: number;
      }
    ).n;

  function send(
    o: {
      deliveryId?: string;
      mailboxId?: string;
      key?: typeof portalKey.privateKey;
      kid?: string;
      created?: Date;
      body?: string;
    } = {},
  ) {
    const deliveryId = o.deliveryId ?? randomUUID();
    const body =
      o.body ??
      JSON.stringify({
        deliveryId,
        mailboxId: o.mailboxId ?? mailboxOf('hanako'),
        notice: {
          kind: 'checkup',
          title: '乳幼児健診のお知らせ',
          body: '3〜4か月児健診のご案内です。',
          sender: '131016',
          sentAt: new Date().toISOString(),
        },
      });
    const url = `${base}/webhooks/madoguchi`;
    const headers = { 'content-type': 'application/json', 'idempotency-key': deliveryId };
    const sig = signRequest({
      method: 'POST',
      url,
      headers,
      body,
      keyId: o.kid ?? jwk.kid,
      privateKey: o.key ?? portalKey.privateKey,
      ...(o.created ? { created: o.created } : {}),
    });
    return { deliveryId, res: fetch(url, { method: 'POST', headers: { ...headers, ...sig }, body }) };
  }

  it('stores a signed notice once; a repeated Idempotency-Key answers 200 and adds nothing', async () => {
    const { deliveryId, res } = send();
    const r1 = await res;
    assert.equal(r1.status, 200);
    assert.deepEqual(await r1.json(), { status: 'stored' });
    const r2 = await send({ deliveryId }).res;
    assert.equal(r2.status, 200);
    assert.deepEqual(await r2.json(), { status: 'duplicate' });
    assert.equal(count(deliveryId), 1);
    const b = new Browser();
    await login(b, 'hanako', 'hanako-demo-pass');
    assert.match(await (await b.go('/')).text(), /乳幼児健診のお知らせ/);
  });

  it('refuses forged, stale, tampered and unsigned webhooks with 401 and stores nothing', async () => {
    const forger = generateKeyPairSync('ed25519').privateKey;
    const forged = send({ key: forger });
    const r = await forged.res;
    assert.equal(r.status, 401);
    const err = (await r.json()) as { error: { code: string } };
    assert.equal(err.error.code, 'webhook.signature_invalid');
    const stale = send({ created: new Date(Date.now() - 10 * 60_000) });
    assert.equal((await stale.res).status, 401);
    const unknownKid = send({ kid: 'not-a-kid' });
    assert.equal((await unknownKid.res).status, 401);
    // A body swapped after signing (digest mismatch).
    const d = randomUUID();
    const url = `${base}/webhooks/madoguchi`;
    const good = JSON.stringify({
      deliveryId: d,
      mailboxId: mailboxOf('hanako'),
      notice: { kind: 'tax', title: 'a', body: 'b' },
    });
    const headers = { 'content-type': 'application/json', 'idempotency-key': d };
    const sig = signRequest({
      method: 'POST',
      url,
      headers,
      body: good,
      keyId: jwk.kid,
      privateKey: portalKey.privateKey,
    });
    const tampered = await fetch(url, {
      method: 'POST',
      headers: { ...headers, ...sig },
      body: good.replace('"a"', '"z"'),
    });
    assert.equal(tampered.status, 401);
    const unsigned = await fetch(url, { method: 'POST', headers, body: good });
    assert.equal(unsigned.status, 401);
    for (const x of [forged.deliveryId, stale.deliveryId, unknownKid.deliveryId, d])
      assert.equal(count(x), 0);
  });

  it('refetches the JWKS when the portal rotates its key', async () => {
    const next = generateKeyPairSync('ed25519');
    const nextJwk = publicJwk(next.publicKey);
    jwks = { keys: [jwk, nextJwk] };
    const { deliveryId, res } = send({ key: next.privateKey, kid: nextJwk.kid });
    assert.equal((await res).status, 200);
    assert.equal(count(deliveryId), 1);
  });

  it('accepts webhooks that arrive together with a key it has not fetched yet (one fetch, both wait)', async () => {
    const next = generateKeyPairSync('ed25519');
    const nextJwk = publicJwk(next.publicKey);
    jwks = { keys: [jwk, nextJwk] };
    const sent = Array.from({ length: 4 }, () => send({ key: next.privateKey, kid: nextJwk.kid }));
    const statuses = await Promise.all(sent.map(async (x) => (await x.res).status));
    assert.deepEqual(statuses, [200, 200, 200, 200]);
    for (const x of sent) assert.equal(count(x.deliveryId), 1);
  });

  it('reports an unknown mailbox (404) and can be switched down or slow for retry tests', async () => {
    assert.equal((await send({ mailboxId: 'no-such-mailbox' }).res).status, 404);
    const admin = (body: object, auth = adminToken) =>
      fetch(`${base}/api/admin/webhook-mode`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    assert.equal((await admin({ mode: 'down' }, 'wrong')).status, 401);
    assert.equal((await admin({ mode: 'down' })).status, 200);
    const down = send();
    assert.equal((await down.res).status, 503);
    assert.equal(count(down.deliveryId), 0);
    assert.equal((await admin({ mode: 'slow', delayMs: 300 })).status, 200);
    const t0 = performance.now();
    const slow = send();
    assert.equal((await slow.res).status, 200);
    assert.ok(performance.now() - t0 >= 290);
    assert.equal((await admin({ mode: 'up' })).status, 200);
    // After coming back, the retried delivery is stored.
    assert.equal((await send({ deliveryId: down.deliveryId }).res).status, 200);
    assert.equal(count(down.deliveryId), 1);
  });
});

describe('certificates', () => {
  it('lets company staff issue into a mailbox (CSRF-protected form) and the admin API too', async () => {
    const staff = new Browser();
    await login(staff, 'city', 'city-demo-pass');
    const page = await (await staff.go('/companies')).text();
    assert.match(page, /8000020131016/);
    const issued = await staff.post('/companies/chiyoda/certificates', {
      csrf: field(page, 'csrf'),
      recipient: 'taro',
      year: '2025',
      amount: '50000',
    });
    assert.equal(issued.status, 200);
    assert.equal(
      (
        await staff.post('/companies/chiyoda/certificates', {
          csrf: 'x',
          recipient: 'taro',
          year: '2025',
          amount: '1',
        })
      ).status,
      403,
    );
    // Staff of one company cannot issue in another's name.
    assert.equal(
      (
        await staff.post('/companies/madoguchi-life/certificates', {
          csrf: field(page, 'csrf'),
          recipient: 'taro',
          year: '2025',
          amount: '1',
        })
      ).status,
      404,
    );
    const api = await fetch(`${base}/api/admin/certificates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        companyId: 'madoguchi-life',
        recipientLogin: 'taro',
        year: 2025,
        amount: 80000,
      }),
    });
    assert.equal(api.status, 201);
    const rows = store
      .prepare(
        "select form, amount from certificates c join users u on u.mailbox_id = c.mailbox_id where u.login = 'taro' order by form",
      )
      .all();
    assert.deepEqual(
      rows.map((r) => ({ ...r })),
      [
        { form: 'TEG800', amount: 80000 },
        { form: 'TEG822', amount: 50000 },
      ],
    );
    const bad = await fetch(`${base}/api/admin/certificates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ companyId: 'madoguchi-life', recipientLogin: 'nobody', year: 2025, amount: 1 }),
    });
    assert.equal(bad.status, 400);
  });

  it('keeps data across a restart (same SQLite file and issuer keys)', async () => {
    const again = openStore(join(dir, 'e-delivery'));
    const n = (again.prepare('select count(*) as n from users').get() as { n: number }).n;
    assert.equal(n, 4);
    const keys1 = await loadIssuerKeys(join(dir, 'e-delivery'), () => {});
    const keys2 = await loadIssuerKeys(join(dir, 'e-delivery'), () => {});
    assert.equal(keys1.ca.certificatePem, keys2.ca.certificatePem);
    assert.equal(
      seedDemoData(again, keys1, () => {}),
      false,
    );
    again.close();
  });
});
