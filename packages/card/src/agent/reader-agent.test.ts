import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyRsaSha256 } from '@madoguchi/pki';
import { readCardFile } from '../card-file.ts';
import { loginSignedData } from '../card-operations.ts';
import { testHierarchy, testPins } from '../testing/issue-test-card.ts';
import { type ReaderAgent, startReaderAgent } from './reader-agent.ts';

const portal = 'http://127.0.0.1:3000';
const otherPortal = 'http://localhost:3000';
const dir = mkdtempSync(join(tmpdir(), 'madoguchi-agent-'));
const cardA = join(dir, 'a.json');
const cardB = join(dir, 'b.json');
let chain: Awaited<ReturnType<typeof testHierarchy>>['chain'];
let agent: ReaderAgent;
let clock = Date.now();
const logs: string[] = [];

async function createRequest(body: object, origin = portal): Promise<{ id: string; approveUrl: string }> {
  const res = await fetch(`${agent.url}/v1/requests`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 201);
  return (await res.json()) as { id: string; approveUrl: string };
}

async function status(id: string, origin = portal) {
  const res = await fetch(`${agent.url}/v1/requests/${id}`, { headers: { origin } });
  return {
    res,
    body: (await res.json()) as { status: string; result?: { certificate: string; signature: string } },
  };
}

async function openPage(approveUrl: string): Promise<{ html: string; formToken: string }> {
  const res = await fetch(approveUrl, { headers: { accept: 'text/html' } });
  assert.equal(res.status, 200);
  const html = await res.text();
  const formToken = /name="formToken" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(formToken, 'the page carries a form token');
  return { html, formToken };
}

function submit(approveUrl: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(approveUrl, {
    method: 'POST',
    headers: {
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded',
      origin: agent.url,
      'sec-fetch-site': 'same-origin',
      ...headers,
    },
    body: new URLSearchParams(form),
  });
}

const challenge = 'q3F0Yx8S2uVd1ZlK9pWmNc';

describe('card reader agent over HTTP', () => {
  before(async () => {
    const h = await testHierarchy();
    chain = h.chain;
    await h.writeCard(cardA, { label: 'デジタル 花子' });
    await h.writeCard(cardB, { label: 'デジタル 太郎' });
    agent = await startReaderAgent({
      cards: [cardA, cardB],
      port: 0,
      allowedOrigins: [portal, otherPortal],
      now: () => clock,
      log: (m) => logs.push(m),
    });
  });
  after(async () => {
    await agent.close();
  });

  it('answers CORS only for the configured portal origins', async () => {
    const ok = await fetch(`${agent.url}/v1/requests`, {
      method: 'POST',
      headers: { origin: portal, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'login', challenge }),
    });
    assert.equal(ok.status, 201);
    assert.equal(ok.headers.get('access-control-allow-origin'), portal);
    assert.match(ok.headers.get('vary') ?? '', /Origin/);
    const evil = await fetch(`${agent.url}/v1/requests`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'login', challenge }),
    });
    assert.equal(evil.status, 403);
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
    assert.equal(((await evil.json()) as { error: { code: string } }).error.code, 'agent.origin_forbidden');
    const noOrigin = await fetch(`${agent.url}/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'login', challenge }),
    });
    assert.equal(noOrigin.status, 403);
  });

  it('answers preflights for allowed origins and refuses the rest', async () => {
    const preflight = (origin: string) =>
      fetch(`${agent.url}/v1/requests`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const ok = await preflight(portal);
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), portal);
    assert.match(ok.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.match(ok.headers.get('access-control-allow-headers') ?? '', /content-type/);
    assert.match(ok.headers.get('vary') ?? '', /Origin/);
    const evil = await preflight('http://evil.example');
    assert.equal(evil.status, 403);
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
  });

  it('hides a request from every origin but the one that made it, and refuses foreign Host names', async () => {
    const { id } = await createRequest({ kind: 'login', challenge });
    assert.equal((await status(id)).body.status, 'pending');
    const other = await status(id, otherPortal);
    assert.equal(other.res.status, 404);
    const port = new URL(agent.url).port;
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: `/requests/${id}`, headers: { host: `evil.example:${port}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    assert.equal(rebound, 421, 'a DNS-rebinding page cannot reach the agent');
  });

  it('signs a login after the right PIN on its own page; the signature verifies with the auth certificate', async () => {
    const { id, approveUrl } = await createRequest({ kind: 'login', challenge });
    assert.equal(approveUrl, `${agent.url}/requests/${id}`);
    const { html, formToken } = await openPage(approveUrl);
    assert.match(html, /<html lang="ja">/);
    assert.match(html, /<label for="pin">利用者証明用暗証番号（数字4桁）<\/label>/);
    assert.ok(html.includes(portal), 'shows the site');
    assert.ok(html.includes(challenge), 'shows the challenge');
    assert.match(html, /ログイン/);
    assert.match(html, /type="radio" name="card"/);
    assert.match(html, /デジタル 花子/);
    assert.doesNotMatch(html, /<script/);
    assert.match(html, />承認</);
    assert.match(html, />取り消し</);

    const done = await submit(approveUrl, { formToken, action: 'approve', pin: testPins.auth, card: '0' });
    assert.equal(done.status, 200);
    assert.match(await done.text(), /完了しました。このウィンドウを閉じて、元の画面に戻ってください。/);
    const { body } = await status(id);
    assert.equal(body.status, 'done');
    assert.ok(body.result);
    const certificate = new X509Certificate(Buffer.from(body.result.certificate, 'base64'));
    const card = await readCardFile(cardA);
    assert.equal(certificate.fingerprint256, new X509Certificate(card.certificates.auth).fingerprint256);
    const data = loginSignedData(portal, challenge);
    const signature = Buffer.from(body.result.signature, 'base64');
    assert.ok(verifyRsaSha256({ certificate, data, signature }));
    assert.ok(!verifyRsaSha256({ certificate, data: loginSignedData(otherPortal, challenge), signature }));
    const again = await submit(approveUrl, { formToken, action: 'approve', pin: testPins.auth, card: '0' });
    assert.equal(again.status, 409, 'a finished request cannot be approved twice');
  });

  it('accepts the form only from its own page with its form token', async () => {
    const { id, approveUrl } = await createRequest({ kind: 'login', challenge });
    const { formToken } = await openPage(approveUrl);
    const form = { formToken, action: 'approve', pin: testPins.auth, card: '0' };
    assert.equal((await submit(approveUrl, form, { origin: portal })).status, 403);
    assert.equal((await submit(approveUrl, form, { 'sec-fetch-site': 'cross-site' })).status, 403);
    assert.equal((await submit(approveUrl, { ...form, formToken: 'x'.repeat(32) })).status, 403);
    assert.equal((await status(id)).body.status, 'pending');
    assert.deepEqual((await readCardFile(cardA)).counters, { auth: 3, sign: 5, support: 3 });
  });

  it('shows the tries left after a wrong PIN and ends the request locked at zero', async () => {
    const { id, approveUrl } = await createRequest({ kind: 'login', challenge });
    const { formToken } = await openPage(approveUrl);
    const wrong = { formToken, action: 'approve', pin: '0000', card: '1' };
    const first = await submit(approveUrl, wrong);
    assert.equal(first.status, 401);
    const firstHtml = await first.text();
    assert.match(firstHtml, /暗証番号が違います。あと 2 回間違えるとロックされます。/);
    assert.match(firstHtml, /id="card-1" value="1" checked/, 'keeps the chosen card');
    assert.match(await (await submit(approveUrl, wrong)).text(), /あと 1 回間違えると/);
    const third = await submit(approveUrl, wrong);
    assert.equal(third.status, 423);
    assert.match(await third.text(), /カードがロックされました/);
    assert.equal((await status(id)).body.status, 'locked');
    assert.equal((await readCardFile(cardB)).counters.auth, 0);
    assert.equal((await readCardFile(cardA)).counters.auth, 3, 'the other card is untouched');
  });

  it('records a decline', async () => {
    const { id, approveUrl } = await createRequest({ kind: 'login', challenge });
    const { formToken } = await openPage(approveUrl);
    const res = await submit(approveUrl, { formToken, action: 'decline' });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /取り消しました/);
    assert.deepEqual((await status(id)).body, { status: 'declined' });
  });

  it('signs a document hash; openssl verifies the CMS against the content', async () => {
    const content = Buffer.from('転入届\n東京都千代田区霞が関1丁目1番1号\n');
    const documentHash = createHash('sha256').update(content).digest('hex');
    const { id, approveUrl } = await createRequest({
      kind: 'sign',
      documentName: '転入届.txt',
      documentHash,
    });
    const { html, formToken } = await openPage(approveUrl);
    assert.match(html, /署名用パスワード（英大文字と数字6〜16桁）/);
    assert.match(html, /電子署名/);
    assert.ok(html.includes(documentHash) && html.includes('転入届.txt'));
    const format = await submit(approveUrl, { formToken, action: 'approve', pin: '1234', card: '0' });
    assert.equal(format.status, 400, 'a 4-digit PIN is not a signature password');
    assert.equal((await readCardFile(cardA)).counters.sign, 5, 'format errors are not counted');
    const done = await submit(approveUrl, { formToken, action: 'approve', pin: testPins.sign, card: '0' });
    assert.equal(done.status, 200);
    const { body } = await status(id);
    assert.equal(body.status, 'done');
    assert.ok(body.result);
    const files = mkdtempSync(join(tmpdir(), 'madoguchi-agent-cms-'));
    const path = (name: string, data: string | Buffer) => {
      writeFileSync(join(files, name), data);
      return join(files, name);
    };
    const args = (contentFile: string) => [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      path('doc.p7s', Buffer.from(body.result?.signature ?? '', 'base64')),
      '-content',
      contentFile,
      '-CAfile',
      path('root.pem', chain.rootPem),
      '-certfile',
      path('sign-ca.pem', chain.signCaPem),
      '-out',
      '/dev/null',
    ];
    const out = execFileSync('openssl', args(path('doc.txt', content)), { encoding: 'utf8', stdio: 'pipe' });
    assert.equal(out, '');
    assert.throws(() =>
      execFileSync('openssl', args(path('tampered.txt', Buffer.concat([content, Buffer.from('x')]))), {
        stdio: 'pipe',
      }),
    );
  });

  it('expires a request after five minutes', async () => {
    const { id, approveUrl } = await createRequest({ kind: 'login', challenge });
    const { formToken } = await openPage(approveUrl);
    clock += 5 * 60_000 + 1;
    assert.deepEqual((await status(id)).body, { status: 'expired' });
    const page = await fetch(approveUrl, { headers: { accept: 'text/html' } });
    assert.match(await page.text(), /有効期限（5分）が切れました/);
    const late = await submit(approveUrl, { formToken, action: 'approve', pin: testPins.auth, card: '0' });
    assert.equal(late.status, 409);
    assert.equal((await status(id)).body.status, 'expired');
    assert.ok(logs.some((l) => l.includes('declined')));
  });
});
