import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  createRootCertificate,
  generateRsaKeyPair,
  issueAuthCertificate,
  keyObjectSigner,
} from '@madoguchi/pki';
import {
  createTestDatabase,
  forEachEngine,
  type MailCatcher,
  type RunningTestService,
  readJson,
  startTestMailCatcher,
  type TestDatabase,
} from '@madoguchi/testing';
import type pg from 'pg';
import { loadPortalConfig } from './config.ts';
import {
  Browser,
  cardLogin,
  csrfOf,
  issueTestCard,
  renewTestCard,
  staffHeaders,
  startJpki,
  startPortal,
  type TestCard,
} from './test-support/login-fixture.ts';

forEachEngine(describe, (engine) => {
  let db: TestDatabase;
  let admin: pg.Pool;
  let jpki: RunningTestService;
  let portal: RunningTestService;
  let mail: MailCatcher;
  let card: TestCard;

  const count = async (sql: string, ...params: unknown[]) =>
    Number((await admin.query(sql, params)).rows[0].n);

  before(async () => {
    db = await createTestDatabase(engine);
    admin = db.adminPool(2);
    mail = await startTestMailCatcher();
    jpki = await startJpki(db);
    portal = await startPortal(db, {
      JPKI_URL: jpki.url,
      SMTP_PORT: String(mail.smtpPort),
      PORTAL_OCSP_CACHE_SECONDS: '0',
    });
    card = await issueTestCard(jpki.url, 'agency:131016:00000000-0000-4000-8000-000000000001');
  });
  after(async () => {
    await portal.close();
    await jpki.close();
    await mail.close();
    await admin.end();
    await db.drop();
  });

  it('logs in with the card, rotates the session id, and shows マイページ', async () => {
    const browser = new Browser(portal.url);
    const res = await cardLogin(browser, card);
    assert.equal(res.status, 200, await res.clone().text());
    const { redirect } = await readJson(res);
    assert.match(redirect, /^\/mypage/);
    const preLogin = (
      await admin.query('select count(*)::int as n from portal.session where subject is null')
    ).rows[0].n;
    assert.equal(preLogin, 0, 'the pre-login session is gone (id rotated)');
    const mypage = await browser.fetch(redirect);
    assert.equal(mypage.status, 200);
    assert.match(await mypage.text(), /はじめてのログインです/);
    assert.match(await (await browser.fetch('/mypage')).text(), /ニックネームが未設定です/);
    assert.equal(
      await count(
        "select count(*)::int as n from portal.audit_event where type = 'account.read' and detail->>'page' = 'mypage'",
      ),
      2,
      'each マイページ view is an audited read of the account',
    );
    assert.equal(
      await count("select count(*)::int as n from portal.audit_event where type = 'login.succeeded'"),
      1,
    );
    const subject = (await admin.query('select subject from portal.account')).rows[0].subject as string;
    assert.ok(subject.length >= 32 && !/^\d{12}$/.test(subject), 'pairwise subject, not a My Number');
  });

  it('refuses a replayed challenge, a challenge from another session, and an expired one', async () => {
    const browser = new Browser(portal.url);
    const page = await (await browser.fetch('/login')).text();
    const challengeId = /data-challenge-id="([^"]+)"/.exec(page)?.[1] as string;
    // Replay: a second login attempt reusing a consumed challenge.
    const first = await cardLogin(browser, card);
    assert.equal(first.status, 200);
    const other = new Browser(portal.url);
    const replay = await cardLogin(other, card, {
      mutate: (b) => {
        b.challengeId = challengeId;
      },
    });
    assert.equal(replay.status, 400);
    assert.equal((await readJson(replay)).error.code, 'login.challenge_invalid');
    // Expired: five minutes have passed.
    const late = new Browser(portal.url);
    const before = await count('select count(*)::int as n from portal.session where subject is not null');
    const expired = await cardLogin(late, card, {
      mutate: () =>
        admin.query(
          "update portal.login_challenge set expires_at = now() - interval '1 second' where used_at is null",
        ),
    });
    assert.equal(expired.status, 400);
    assert.equal((await readJson(expired)).error.code, 'login.challenge_expired');
    assert.equal(
      await count('select count(*)::int as n from portal.session where subject is not null'),
      before,
    );
  });

  it('refuses a signature bound to another site, a tampered signature and malformed input, changing nothing', async () => {
    const sessions = await count('select count(*)::int as n from portal.session where subject is not null');
    const cases: [Parameters<typeof cardLogin>[2], number, string][] = [
      [{ site: 'https://phishing.example' }, 422, 'signature.invalid'],
      [
        {
          mutate: (b) => {
            b.signature = Buffer.alloc(256, 7).toString('base64');
          },
        },
        422,
        'signature.invalid',
      ],
      [
        {
          mutate: (b) => {
            b.certificate = Buffer.from('not a certificate').toString('base64');
          },
        },
        400,
        'certificate.malformed',
      ],
      [
        {
          mutate: (b) => {
            b.certificate = '%%%';
          },
        },
        400,
        'certificate.malformed',
      ],
      [
        {
          mutate: (b) => {
            b.challengeId = 'nope';
          },
        },
        400,
        'request.invalid',
      ],
    ];
    for (const [options, status, code] of cases) {
      const res = await cardLogin(new Browser(portal.url), card, options);
      assert.equal(res.status, status, code);
      const body = await readJson(res);
      assert.equal(body.error.code, code);
      assert.ok(body.error.message.length > 0);
    }
    assert.equal(
      await count('select count(*)::int as n from portal.session where subject is not null'),
      sessions,
    );
    assert.ok(
      (await count(
        "select count(*)::int as n from portal.audit_event where type = 'login.failed' and detail->>'reason' = 'signature.invalid'",
      )) >= 2,
    );
  });

  it('refuses a certificate from another CA and a revoked certificate', async () => {
    const keys = await generateRsaKeyPair();
    const signer = keyObjectSigner(keys.privateKey);
    const now = new Date();
    const later = new Date(now.getTime() + 86_400_000);
    const rootPem = await createRootCertificate({
      subject: 'C=JP, CN=Not JPKI',
      signer,
      notBefore: now,
      notAfter: later,
    });
    const foreignPem = await issueAuthCertificate({
      issuer: { certificatePem: rootPem, signer },
      publicKey: keys.publicKey,
      serial: '0badc0de',
      cardSerial: '999999999999',
      notBefore: now,
      notAfter: later,
      urls: { crlUrl: 'http://x/crl', ocspUrl: 'http://x/ocsp' },
    });
    const foreign = await cardLogin(new Browser(portal.url), {
      authKey: keys.privateKey,
      authCertificatePem: foreignPem,
    });
    assert.equal(foreign.status, 401);
    assert.equal((await readJson(foreign)).error.code, 'certificate.untrusted');

    const revokedCard = await issueTestCard(jpki.url, 'agency:131016:00000000-0000-4000-8000-000000000002');
    const revoke = await fetch(`${jpki.url}/api/staff/cards/${revokedCard.cardSerial}/revoke`, {
      method: 'POST',
      headers: staffHeaders(),
      body: JSON.stringify({ kind: 'auth', reason: 'keyCompromise' }),
    });
    assert.equal(revoke.status, 200);
    const refused = await cardLogin(new Browser(portal.url), revokedCard);
    assert.equal(refused.status, 401);
    const body = await readJson(refused);
    assert.equal(body.error.code, 'certificate.revoked');
    assert.match(body.error.message, /失効/);
  });

  it('fails closed when the card authority cannot answer', async () => {
    const blind = await startPortal(db, { JPKI_URL: 'http://127.0.0.1:9' });
    try {
      const res = await cardLogin(new Browser(blind.url), card);
      assert.equal(res.status, 503);
      assert.equal((await readJson(res)).error.code, 'login.status_unavailable');
    } finally {
      await blind.close();
    }
  });

  it('refuses a root that does not match the pinned fingerprint', async () => {
    const pinned = await startPortal(db, { JPKI_URL: jpki.url, JPKI_ROOT_SHA256: 'ab'.repeat(32) });
    try {
      const res = await cardLogin(new Browser(pinned.url), card);
      assert.equal(res.status, 503);
      assert.equal((await readJson(res)).error.code, 'login.status_unavailable');
    } finally {
      await pinned.close();
    }
    const rootPem = await (await fetch(`${jpki.url}/ca/root.pem`)).text();
    const fingerprint = new X509Certificate(rootPem).fingerprint256;
    const right = await startPortal(db, { JPKI_URL: jpki.url, JPKI_ROOT_SHA256: fingerprint });
    try {
      assert.equal((await cardLogin(new Browser(right.url), card)).status, 200);
    } finally {
      await right.close();
    }
  });

  it('requires the CSRF token and a same-site origin', async () => {
    const browser = new Browser(portal.url);
    const page = await (await browser.fetch('/login')).text();
    const challengeId = /data-challenge-id="([^"]+)"/.exec(page)?.[1] as string;
    const body = JSON.stringify({ challengeId, certificate: 'AAAA', signature: 'AAAA' });
    const noToken = await browser.fetch('/login/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'wrong' },
      body,
    });
    assert.equal(noToken.status, 403);
    assert.equal((await readJson(noToken)).error.code, 'csrf.invalid');
    const crossSite = await fetch(`${portal.url}/inquiry`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'name=a',
      redirect: 'manual',
    });
    assert.equal(crossSite.status, 403);
  });

  it('ends idle and over-age sessions, and logs out', async () => {
    const idle = new Browser(portal.url);
    assert.equal((await cardLogin(idle, card)).status, 200);
    await admin.query(
      "update portal.session set last_seen_at = now() - interval '31 minutes' where subject is not null",
    );
    const res = await idle.fetch('/mypage');
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/login?notice=sessionExpired');
    assert.ok(
      (await count(
        "select count(*)::int as n from portal.audit_event where type = 'session.ended' and detail->>'reason' = 'idle_timeout'",
      )) >= 1,
    );

    const old = new Browser(portal.url);
    assert.equal((await cardLogin(old, card)).status, 200);
    await admin.query(
      "update portal.session set expires_at = now() - interval '1 second' where subject is not null",
    );
    assert.equal((await old.fetch('/mypage')).headers.get('location'), '/login?notice=sessionExpired');

    const user = new Browser(portal.url);
    assert.equal((await cardLogin(user, card)).status, 200);
    const mypage = await (await user.fetch('/mypage')).text();
    const cookie = user.cookie;
    const out = await user.form('/logout', { _csrf: csrfOf(mypage) });
    assert.equal(out.status, 303);
    assert.equal(out.headers.get('location'), '/login?notice=loggedOut');
    const again = await fetch(`${portal.url}/mypage`, { headers: { cookie }, redirect: 'manual' });
    assert.equal(again.status, 303);
    assert.equal(again.headers.get('location'), '/login');
  });

  it('saves the nickname and confirms the e-mail address by a link sent over SMTP', async () => {
    const user = new Browser(portal.url);
    assert.equal((await cardLogin(user, card)).status, 200);
    const settings = await (await user.fetch('/account')).text();
    const csrf = csrfOf(settings);
    const bad = await user.form('/account', {
      _csrf: csrf,
      nickname: 'x'.repeat(21),
      email: 'not-an-address',
    });
    assert.equal(bad.status, 400);
    const badPage = await bad.text();
    assert.match(badPage, /ニックネームは20文字以内/);
    assert.match(badPage, /メールアドレスを正しい形式/);
    assert.equal(await count('select count(*)::int as n from portal.account where nickname is not null'), 0);

    const forged = await user.form('/account', { _csrf: 'forged', nickname: 'まどぐち' });
    assert.equal(forged.status, 403);

    const ok = await user.form('/account', { _csrf: csrf, nickname: 'まどぐち', email: 'hanako@example.jp' });
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /hanako@example\.jp に確認メールを送信しました/);
    const message = await mail.waitForMessage('hanako@example.jp', 10_000);
    assert.match(message.subject, /メールアドレスの確認/);
    const link = /(http:\/\/\S+\/account\/email\/confirm\?token=[A-Za-z0-9_-]+)/.exec(
      message.text ?? '',
    )?.[1];
    assert.ok(link, 'the mail carries a confirmation link');
    const path = new URL(link).pathname + new URL(link).search;
    const confirmPage = await (await user.fetch(path)).text();
    assert.match(confirmPage, /hanako@example\.jp を通知用メールアドレスとして登録します/);
    assert.equal(
      await count('select count(*)::int as n from portal.account where email is not null'),
      0,
      'opening the link alone confirms nothing',
    );
    const done = await user.form('/account/email/confirm', {
      _csrf: csrfOf(confirmPage),
      token: new URL(link).searchParams.get('token') as string,
    });
    assert.equal(done.status, 200);
    assert.equal(
      await count(
        "select count(*)::int as n from portal.account where email = 'hanako@example.jp' and email_confirmed_at is not null",
      ),
      1,
    );
    const reuse = await user.form('/account/email/confirm', {
      _csrf: csrfOf(confirmPage),
      token: new URL(link).searchParams.get('token') as string,
    });
    assert.equal(reuse.status, 400);
    assert.match(await (await user.fetch('/mypage')).text(), /まどぐち さん、ようこそ/);
    assert.equal(
      await count("select count(*)::int as n from portal.audit_event where type = 'account.email_confirmed'"),
      1,
    );
  });

  it('keeps the same account after the card is renewed', async () => {
    const renewed = await renewTestCard(jpki.url, card);
    assert.notEqual(renewed.authCertificatePem, card.authCertificatePem);
    const stale = await cardLogin(new Browser(portal.url), card);
    assert.equal((await readJson(stale)).error.code, 'certificate.revoked');
    const user = new Browser(portal.url);
    assert.equal((await cardLogin(user, renewed)).status, 200);
    assert.match(await (await user.fetch('/mypage')).text(), /まどぐち さん、ようこそ/);
    assert.equal(await count('select count(*)::int as n from portal.account'), 1);
  });
});

describe('portal configuration for card login', () => {
  it('requires a pinned JPKI root fingerprint in production', () => {
    const env = {
      MADOGUCHI_ENV: 'production',
      PORTAL_MACHINE_TOKEN: 'm'.repeat(40),
      JPKI_PORTAL_API_KEY: 'p'.repeat(40),
      PORTAL_EXCHANGE_SECRET: 'x'.repeat(40),
      HUB_LOG_VKEY: 'madoguchi.localhost/exchange-log+00000000+AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      PORTAL_DATABASE_URL: 'postgres://x@127.0.0.1:5432/x',
      E_DELIVERY_CLIENT_SECRET: 'c'.repeat(40),
      PORTAL_WEBHOOK_SECRET: 'w'.repeat(40),
      E_DELIVERY_ISSUER_CA: '/etc/madoguchi/e-delivery-issuer-ca.pem',
      HUB_NETWORK_PUBLIC_KEY: Buffer.alloc(32, 7).toString('base64'),
      JPKI_VERIFIER_API_KEY: 'v'.repeat(40),
    };
    assert.throws(
      () => loadPortalConfig({ env, warn: () => {} }),
      /JPKI_ROOT_SHA256 is required in production/,
    );
    const config = loadPortalConfig({
      env: { ...env, JPKI_ROOT_SHA256: `${'AB:'.repeat(31)}AB` },
      warn: () => {},
    });
    assert.equal(config.mode, 'production');
  });
});
