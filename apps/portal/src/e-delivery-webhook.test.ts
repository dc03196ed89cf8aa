import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { keysFromJwks, signRequest, verifyRequest } from '@madoguchi/http-signatures';
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
import { deriveEDeliveryKeys } from './services/e-delivery/keys.ts';
import { portalWorkerOf } from './services/portal-worker.ts';
import { Browser, csrfOf } from './test-support/login-fixture.ts';

const machineToken = 'm'.repeat(40);

/**
 * A small real webhook receiver that checks what e-delivery checks (docs/notices.md): RFC 9421 with the
 * portal's published JWKS, the content digest, freshness, and Idempotency-Key dedupe. It can be
 * switched down (503) to exercise retries.
 */
function startReceiver(jwksUrl: () => string) {
  const stored = new Map<string, unknown>();
  const rejected: string[] = [];
  let mode: 'up' | 'down' = 'up';
  let keys: Map<string, KeyObject> | undefined;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    if (mode === 'down') {
      res.writeHead(503).end();
      return;
    }
    keys ??= keysFromJwks(await (await fetch(jwksUrl())).json());
    const address = server.address() as { port: number };
    const result = verifyRequest({
      method: req.method ?? '',
      url: `http://127.0.0.1:${address.port}${req.url}`,
      headers: req.headers as Record<string, string>,
      body,
      keys: (kid) => keys?.get(kid),
    });
    if (!result.ok) {
      rejected.push(result.reason);
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: result.reason }));
      return;
    }
    const key = String(req.headers['idempotency-key']);
    if (!stored.has(key)) stored.set(key, JSON.parse(body.toString('utf8')));
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  return {
    server,
    stored,
    rejected,
    setMode(m: 'up' | 'down') {
      mode = m;
    },
    async listen(): Promise<string> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    },
  };
}

forEachEngine(describe, (engine) => {
  let db: TestDatabase;
  let admin: pg.Pool;
  let portal: RunningTestService;
  let receiver: ReturnType<typeof startReceiver>;
  let receiverUrl: string;

  /** An account with a link code, an e-delivery link wanting `kinds`, and a logged-in browser. */
  async function person(kinds: string[]) {
    const subject = `s-${randomUUID()}`;
    const fugo = randomBytes(16).toString('hex');
    await admin.query('insert into portal.account (subject, fugo) values ($1, $2)', [subject, fugo]);
    await admin.query(
      `insert into portal.e_delivery_link (subject, mailbox_id, access_token_enc, kinds) values ($1, $2, '\\x00', $3)`,
      [subject, `mbx-${subject.slice(2, 10)}`, kinds],
    );
    const id = randomBytes(32).toString('base64url');
    await admin.query(
      `insert into portal.session (id_hash, subject, csrf_token, expires_at) values ($1, $2, $3, now() + interval '1 hour')`,
      [createHash('sha256').update(id).digest(), subject, randomBytes(32).toString('base64url')],
    );
    const browser = new Browser(portal.url);
    browser.cookie = `madoguchi_session=${id}`;
    return { subject, fugo, browser };
  }

  /** What H2's hub route stores and enqueues for a notice to these link codes (done here directly). */
  async function sendNotice(fugos: string[], kind = 'checkup') {
    const agencyNoticeId = randomUUID();
    const { rows } = await admin.query(
      `insert into portal.notice (agency_code, agency_notice_id, content_hash, kind, title, body, sent_at)
       values ('131016', $1, '\\x00', $2, '1歳6か月児健診のお知らせ', 'https://example.jp/kenshin', now()) returning id`,
      [agencyNoticeId, kind],
    );
    const noticeId = rows[0].id as string;
    await admin.query(
      'insert into portal.notice_recipient (fugo) select unnest($1::text[]) on conflict do nothing',
      [fugos],
    );
    const added = await admin.query(
      `insert into portal.notice_delivery (recipient_no, notice_id)
       select recipient_no, $1 from portal.notice_recipient where fugo = any($2) returning recipient_no`,
      [noticeId, fugos],
    );
    await admin.query(`insert into portal.job (queue, payload) values ('notice.e_delivery', $1)`, [
      JSON.stringify({ noticeId, recipientNos: added.rows.map((r) => String(r.recipient_no)) }),
    ]);
    return { noticeId, agencyNoticeId };
  }

  const drain = () => portalWorkerOf(portal.app).drain();
  const deliveries = async (noticeId: string) =>
    (
      await admin.query(
        'select subject, status, attempts, last_error from portal.e_delivery_webhook where notice_id = $1 order by subject',
        [noticeId],
      )
    ).rows;
  /** Makes retries due now instead of after their backoff. */
  const dueNow = () =>
    admin.query(
      `update portal.job set run_at = now() where queue = 'e_delivery.webhook' and state = 'ready'`,
    );

  before(async () => {
    db = await createTestDatabase(engine);
    admin = db.adminPool(2);
    let portalUrl = '';
    receiver = startReceiver(() => `${portalUrl}/.well-known/webhook-keys.json`);
    receiverUrl = await receiver.listen();
    portal = await startTestService({
      db,
      app: 'portal',
      loadConfig: loadPortalConfig,
      build: buildPortalApp,
      dataDir: mkdtempSync(join(tmpdir(), 'madoguchi-portal-')),
      env: {
        PORTAL_MACHINE_TOKEN: machineToken,
        E_DELIVERY_URL: receiverUrl,
        PORTAL_WEBHOOK_SECRET: 'w'.repeat(40),
        HUB_URL: 'http://127.0.0.1:9',
      },
    });
    portalUrl = portal.url;
  });
  after(async () => {
    await portal.close();
    receiver.server.close();
    await admin.end();
    await db.drop();
  });

  it('publishes its webhook key as a cacheable JWKS whose kid is the key thumbprint', async () => {
    const res = await fetch(`${portal.url}/.well-known/webhook-keys.json`);
    assert.equal(res.status, 200);
    assert.match(String(res.headers.get('cache-control')), /public, max-age=\d+/);
    const jwks = await readJson(res);
    assert.equal(jwks.keys.length, 1);
    assert.equal(jwks.keys[0].kty, 'OKP');
    assert.equal(jwks.keys[0].crv, 'Ed25519');
    assert.equal(jwks.keys[0].d, undefined, 'no private part');
    assert.equal(keysFromJwks(jwks).size, 1);
  });

  it('delivers a signed webhook to linked recipients who want the kind, once, and shows it', async () => {
    const wants = await person(['checkup', 'tax']);
    const other = await person(['tax']);
    const unlinkedFugo = randomBytes(16).toString('hex');
    const { noticeId, agencyNoticeId } = await sendNotice([wants.fugo, other.fugo, unlinkedFugo]);
    await drain();
    assert.deepEqual(await deliveries(noticeId), [
      { subject: wants.subject, status: 'delivered', attempts: 1, last_error: null },
    ]);
    const got = [...receiver.stored.values()].find(
      (b) => (b as { notice: { title: string } }).notice.title === '1歳6か月児健診のお知らせ',
    ) as { deliveryId: string; mailboxId: string; notice: Record<string, unknown> };
    assert.ok(got, 'the receiver stored the notice');
    assert.equal(got.mailboxId, `mbx-${wants.subject.slice(2, 10)}`);
    assert.equal(got.notice.kind, 'checkup');
    assert.equal(got.notice.sender, '131016');
    assert.equal(got.notice.agencyNoticeId, agencyNoticeId);
    // The same batch again (a repeated job) adds no delivery and sends nothing.
    const before = receiver.stored.size;
    await admin.query(
      `insert into portal.job (queue, payload) select queue, payload from portal.job
      where queue = 'notice.e_delivery' and payload->>'noticeId' = $1`,
      [String(noticeId)],
    );
    await drain();
    assert.equal((await deliveries(noticeId)).length, 1);
    assert.equal(receiver.stored.size, before);
    // The person sees it; staff see counts only.
    const page = await (await wants.browser.fetch('/account/e-delivery')).text();
    assert.match(page, /data-status="delivered"/);
    assert.match(page, /1歳6か月児健診のお知らせ/);
    const counts = await fetch(`${portal.url}/internal/notices/131016/${agencyNoticeId}/deliveries`, {
      headers: { authorization: `Bearer ${machineToken}` },
    });
    assert.equal(counts.status, 200);
    assert.deepEqual(await readJson(counts), {
      noticeId: agencyNoticeId,
      eDelivery: { pending: 0, delivered: 1, retrying: 0, dead: 0 },
    });
    const refused = await fetch(`${portal.url}/internal/notices/131016/${agencyNoticeId}/deliveries`);
    assert.equal(refused.status, 401);
    const otherAgency = await fetch(`${portal.url}/internal/notices/jps/${agencyNoticeId}/deliveries`, {
      headers: { authorization: `Bearer ${machineToken}` },
    });
    assert.equal(otherAgency.status, 404);
  });

  it('retries while the receiver is down and delivers after it comes back', async () => {
    const p = await person(['vaccination']);
    receiver.setMode('down');
    const { noticeId } = await sendNotice([p.fugo], 'vaccination');
    await drain();
    assert.deepEqual(await deliveries(noticeId), [
      { subject: p.subject, status: 'retrying', attempts: 1, last_error: 'http_503' },
    ]);
    const page = await (await p.browser.fetch('/account/e-delivery')).text();
    assert.match(page, /data-status="retrying"/);
    assert.match(page, /http_503/);
    await dueNow();
    await drain();
    assert.equal((await deliveries(noticeId))[0].attempts, 2);
    receiver.setMode('up');
    await dueNow();
    await drain();
    assert.deepEqual(await deliveries(noticeId), [
      { subject: p.subject, status: 'delivered', attempts: 3, last_error: null },
    ]);
  });

  it('marks a delivery dead after 8 attempts', async () => {
    const p = await person(['payment']);
    receiver.setMode('down');
    const { noticeId, agencyNoticeId } = await sendNotice([p.fugo], 'payment');
    try {
      await drain();
      for (let i = 0; i < 8; i++) {
        await dueNow();
        await drain();
      }
    } finally {
      receiver.setMode('up');
    }
    assert.deepEqual(await deliveries(noticeId), [
      { subject: p.subject, status: 'dead', attempts: 8, last_error: 'http_503' },
    ]);
    const { rows } = await admin.query(
      `select j.state, j.attempts from portal.job j join portal.e_delivery_webhook w on j.key = w.id::text
       where j.queue = 'e_delivery.webhook' and w.notice_id = $1`,
      [noticeId],
    );
    assert.deepEqual(rows, [{ state: 'dead', attempts: 8 }]);
    const counts = await readJson(
      await fetch(`${portal.url}/internal/notices/131016/${agencyNoticeId}/deliveries`, {
        headers: { authorization: `Bearer ${machineToken}` },
      }),
    );
    assert.equal(counts.eDelivery.dead, 1);
  });

  it('starts linking with PKCE S256 and a session-bound state, refuses a foreign state, and unlinks', async () => {
    const p = await person(['checkup']);
    const page = await (await p.browser.fetch('/account/e-delivery')).text();
    assert.match(page, /data-testid="e-delivery-linked"/);
    await p.browser.form('/account/e-delivery/unlink', { _csrf: csrfOf(page) });
    const unlinked = await (await p.browser.fetch('/account/e-delivery')).text();
    assert.match(unlinked, /data-testid="e-delivery-not-linked"/);
    const start = await p.browser.form('/account/e-delivery/link', { _csrf: csrfOf(unlinked) });
    assert.equal(start.status, 303);
    const to = new URL(String(start.headers.get('location')));
    assert.equal(`${to.origin}${to.pathname}`, `${receiverUrl}/oauth/authorize`);
    assert.equal(to.searchParams.get('code_challenge_method'), 'S256');
    assert.match(String(to.searchParams.get('code_challenge')), /^[A-Za-z0-9_-]{43}$/);
    assert.equal(to.searchParams.get('redirect_uri'), 'http://127.0.0.1:3000/account/e-delivery/callback');
    const state = String(to.searchParams.get('state'));
    // Another person's session cannot complete this person's authorization.
    const other = await person([]);
    const stolen = await other.browser.fetch(`/account/e-delivery/callback?code=x&state=${state}`);
    assert.equal(stolen.status, 400);
    assert.match(await stolen.text(), /data-testid="e-delivery-error"/);
    // Denied at e-delivery: the state is used up, nothing is linked.
    const denied = await p.browser.fetch(`/account/e-delivery/callback?error=access_denied&state=${state}`);
    assert.equal(denied.status, 400);
    const again = await p.browser.fetch(`/account/e-delivery/callback?code=x&state=${state}`);
    assert.equal(again.status, 400, 'a state is single use');
    const { rows } = await admin.query(
      `select type from portal.audit_event where subject = $1 and type like 'e_delivery.%linked' order by id`,
      [`account:${p.subject}`],
    );
    assert.deepEqual(rows, [{ type: 'e_delivery.unlinked' }]);
    assert.equal(
      (await admin.query('select 1 from portal.e_delivery_link where subject = $1', [p.subject])).rowCount,
      0,
    );
  });

  it('is refused by the receiver when forged (another key, or a changed body)', async () => {
    const url = `${receiverUrl}/webhooks/madoguchi`;
    const body = JSON.stringify({ deliveryId: randomUUID(), mailboxId: 'mbx-x', notice: { title: '偽' } });
    const idem = randomUUID();
    const attacker = generateKeyPairSync('ed25519').privateKey;
    const jwks = await readJson(await fetch(`${portal.url}/.well-known/webhook-keys.json`));
    const headers = { 'content-type': 'application/json', 'idempotency-key': idem };
    const forged = signRequest({
      method: 'POST',
      url,
      headers,
      body,
      keyId: jwks.keys[0].kid,
      privateKey: attacker,
    });
    const r1 = await fetch(url, { method: 'POST', headers: { ...headers, ...forged }, body });
    assert.equal(r1.status, 401);
    assert.equal((await readJson(r1)).error, 'bad_signature');
    // The portal's real key, but the body changed after signing, or a signature from 10 minutes ago.
    const real = deriveEDeliveryKeys('w'.repeat(40));
    const genuine = signRequest({
      method: 'POST',
      url,
      headers,
      body,
      keyId: real.kid,
      privateKey: real.signingKey,
    });
    const r2 = await fetch(url, {
      method: 'POST',
      headers: { ...headers, ...genuine },
      body: body.replace('偽', '本物'),
    });
    assert.equal(r2.status, 401);
    assert.equal((await readJson(r2)).error, 'bad_digest');
    const old = signRequest({
      method: 'POST',
      url,
      headers,
      body,
      keyId: real.kid,
      privateKey: real.signingKey,
      created: new Date(Date.now() - 600_000),
    });
    const r3 = await fetch(url, { method: 'POST', headers: { ...headers, ...old }, body });
    assert.equal(r3.status, 401);
    assert.equal((await readJson(r3)).error, 'expired');
    assert.equal(receiver.stored.has(idem), false);
  });
});
