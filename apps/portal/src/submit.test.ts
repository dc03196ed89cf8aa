import assert from 'node:assert/strict';
import { createHash, type KeyObject } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { kosodateServicesFor } from '@madoguchi/catalogue';
import { parseCanonicalApplication, parseReceiptNumber } from '@madoguchi/e-application';
import { type BasicFacts, keyObjectSigner, signDetached } from '@madoguchi/pki';
import {
  createTestDatabase,
  type RunningTestService,
  readJson,
  type TestDatabase,
  testEngines,
} from '@madoguchi/testing';
import type pg from 'pg';
import { issueCardKeys } from '../../../packages/cli/src/card-issue.ts';
import { minimalPdf, minimalPng } from '../../../packages/e-application/src/test-files.ts';
import { startTestFeedServer, type TestFeedServer } from './services/services-catalogue/test-feed-server.ts';
import {
  Browser,
  cardLogin,
  csrfOf,
  staffHeaders,
  startJpki,
  startPortal,
  testSecrets,
} from './test-support/login-fixture.ts';

const base = '/services/131016/jidou-teate-nintei/apply';
const hanakoFacts: BasicFacts = {
  familyName: '窓口',
  givenName: '花子',
  address: '東京都千代田区永田町一丁目1番1号',
  birthDate: '1990-04-01',
  sex: 2,
};

/** A complete 認定請求 for 窓口 花子 (born 平成2年4月1日, as on her card). */
function validForm(csrf: string, intent: string, phone = '03-1234-5678'): Record<string, string> {
  return {
    _csrf: csrf,
    intent,
    '/applicant/familyName': '窓口',
    '/applicant/givenName': '花子',
    '/applicant/familyNameKana': 'マドグチ',
    '/applicant/givenNameKana': 'ハナコ',
    '/applicant/birthDate:era': '平成',
    '/applicant/birthDate:year': '2',
    '/applicant/birthDate:month': '4',
    '/applicant/birthDate:day': '1',
    '/applicant/myNumber': '123456789018',
    '/applicant/postalCode': '100-0014',
    '/applicant/address': '東京都千代田区永田町一丁目1番1号',
    '/applicant/phone': phone,
    '/applicant/pension': 'kokumin',
    '/hasSpouse': 'false',
    'rows:children': '1',
    '/children/0/familyName': '窓口',
    '/children/0/givenName': '一郎',
    '/children/0/familyNameKana': 'マドグチ',
    '/children/0/givenNameKana': 'イチロウ',
    '/children/0/birthDate': '2024-05-01',
    '/children/0/relationship': 'child',
    '/children/0/livesTogether': 'false',
    '/children/0/myNumber': '234567890123',
    'rows:olderChildren': '0',
    '/accountChoice': 'other',
    '/bank/bankName': '窓口銀行',
    '/bank/bankCode': '0001',
    '/bank/branchName': '本店',
    '/bank/branchCode': '001',
    '/bank/accountType': 'futsu',
    '/bank/accountNumber': '1234567',
    '/bank/holderKana': 'マドグチ ハナコ',
  };
}

interface Card {
  cardSerial: string;
  authKey: KeyObject;
  authCertificatePem: string;
  signKey: KeyObject;
  signCertificatePem: string;
}

interface Review {
  csrf: string;
  sha256: string;
  submissionId: string;
  page: string;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const utf16beHex = (text: string) => Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase();

/** The CMS the card reader agent makes: detached SignedData over the given SHA-256, by the 署名用 key. */
async function cardSign(card: Card, hashHex: string): Promise<string> {
  const cms = await signDetached({
    contentDigest: Buffer.from(hashHex, 'hex'),
    certificatePem: card.signCertificatePem,
    signer: keyObjectSigner(card.signKey),
  });
  return cms.toString('base64');
}

describe('online application: sign with the card, submit, receipt', () => {
  let db: TestDatabase;
  let admin: pg.Pool;
  let feed: TestFeedServer;
  let jpki: RunningTestService;
  let portal: RunningTestService;
  const browsers: Record<'hanako' | 'taro' | 'jiro', Browser> = {} as never;
  const cards: Record<'hanako' | 'taro' | 'jiro', Card> = {} as never;

  const count = async (query: string, params: unknown[] = []) =>
    Number((await admin.query(`select count(*)::int as n from ${query}`, params)).rows[0].n);
  const audits = (type: string) => count('portal.audit_event where type = $1', [type]);

  async function issue(residentRef: string, facts: BasicFacts): Promise<Card> {
    const issued = await issueCardKeys(
      { url: jpki.url, token: testSecrets.JPKI_STAFF_TOKEN, staffId: 'test-staff' },
      { residentRef, facts },
    );
    return {
      cardSerial: issued.cardSerial,
      authKey: issued.authKey,
      authCertificatePem: issued.auth.certificatePem,
      signKey: issued.signKey,
      signCertificatePem: issued.sign.certificatePem,
    };
  }

  /** Fills the form, attaches the two documents it asks for, and opens the review page. */
  async function prepare(browser: Browser): Promise<Review> {
    const csrf = csrfOf(await (await browser.fetch(base)).text());
    assert.equal((await browser.form(base, validForm(csrf, 'review'))).status, 303);
    for (const [document, name, bytes] of [
      ['kouza-kakunin', '通帳.png', minimalPng()],
      ['bekkyo-kango', 'moushitate.pdf', minimalPdf()],
    ] as const) {
      const body = new FormData();
      body.set('_csrf', csrf);
      body.set('document', document);
      body.set('file', new Blob([bytes]), name);
      assert.equal((await browser.fetch(`${base}/attachments`, { method: 'POST', body })).status, 303);
    }
    return review(browser);
  }

  async function review(browser: Browser): Promise<Review> {
    const res = await browser.fetch(`${base}/review`);
    assert.equal(res.status, 200);
    const page = await res.text();
    const shown = /data-testid="application-sha256">([0-9a-f]{64})</.exec(page)?.[1];
    const submissionId = /data-testid="submission-id">([0-9a-f-]{36})</.exec(page)?.[1];
    assert.ok(shown && submissionId);
    return { csrf: csrfOf(page), sha256: shown, submissionId, page };
  }

  const submit = (browser: Browser, r: Review, signature: string, hash = r.sha256, id = r.submissionId) =>
    browser.form(`${base}/submit`, { _csrf: r.csrf, submissionId: id, documentHash: hash, signature });

  async function assertNothingStored(r: Review) {
    assert.equal(await count('portal.application'), 0);
    assert.equal(await count('portal.application_draft where submission_id = $1', [r.submissionId]), 1);
    assert.equal(await count('portal.application_attachment where application_id is not null'), 0);
    assert.equal(await audits('application.submitted'), 0);
  }

  before(async () => {
    db = await createTestDatabase(testEngines()[0] as ReturnType<typeof testEngines>[number]);
    admin = db.adminPool(2);
    feed = await startTestFeedServer();
    for (const def of kosodateServicesFor('131016')) feed.publish(def);
    jpki = await startJpki(db);
    portal = await startPortal(db, {
      JPKI_URL: jpki.url,
      JPKI_VERIFIER_API_KEY: testSecrets.JPKI_VERIFIER_API_KEY,
      AGENCY_URL: feed.url,
      CATALOGUE_SYNC_SECONDS: '0',
      PORTAL_OCSP_CACHE_SECONDS: '0',
      CARD_AGENT_URL: 'http://127.0.0.1:3999/',
    });
    const deadline = Date.now() + 60_000;
    while ((await fetch(`${portal.url}/services/131016/jidou-teate-nintei`)).status !== 200) {
      assert.ok(Date.now() < deadline, 'timed out waiting for the catalogue feed');
      await new Promise((r) => setTimeout(r, 100));
    }
    cards.hanako = await issue('agency:131016:00000000-0000-4000-8000-000000000081', hanakoFacts);
    cards.taro = await issue('agency:131016:00000000-0000-4000-8000-000000000082', {
      ...hanakoFacts,
      givenName: '太郎',
      birthDate: '1988-02-03',
      sex: 1,
    });
    // Another person who happens to share 花子's name and birth date: only her card's status differs.
    cards.jiro = await issue('agency:131016:00000000-0000-4000-8000-000000000083', hanakoFacts);
    for (const who of ['hanako', 'taro', 'jiro'] as const) {
      browsers[who] = new Browser(portal.url);
      assert.equal((await cardLogin(browsers[who], cards[who])).status, 200);
    }
  });
  after(async () => {
    await portal?.close();
    await jpki?.close();
    await feed?.close();
    await admin?.end();
    await db?.drop();
  });

  it('turns the review page’s button into the card step (form, data for the script, no-JS note)', async () => {
    const r = await prepare(browsers.hanako);
    assert.match(
      r.page,
      /<form method="post" action="\/services\/131016\/jidou-teate-nintei\/apply\/submit" id="card-sign"/,
    );
    assert.match(r.page, new RegExp(`data-document-hash="${r.sha256}"`));
    assert.match(r.page, /data-document-name="児童手当の認定請求"/);
    assert.match(r.page, new RegExp(`name="submissionId" value="${r.submissionId}"`));
    assert.match(
      r.page,
      /<button type="button" class="button" aria-describedby="sign-note" data-testid="sign">/,
    );
    assert.match(r.page, /<noscript>.*JavaScript/);
    assert.match(r.page, /<script type="module" src="\/assets\/sign.js"><\/script>/);
    assert.match(r.page, /data-agent-url="http:\/\/127\.0\.0\.1:3999"/);
    const script = await (await fetch(`${portal.url}/assets/sign.js`)).text();
    assert.match(script, /import \{ askCardAgent \} from '\/assets\/card-agent\.js';/);
    assert.match(script, /kind: 'sign'/);
    const agentModule = await fetch(`${portal.url}/assets/card-agent.js`);
    assert.equal(agentModule.status, 200);
    assert.match(await agentModule.text(), /export async function askCardAgent/);
  });

  it('refuses garbage, a wrong hash and an oversize body, and stores nothing', async () => {
    const r = await review(browsers.hanako);
    const garbage = await submit(browsers.hanako, r, Buffer.from('not a CMS signature').toString('base64'));
    assert.equal(garbage.status, 422);
    assert.equal((await readJson(garbage)).error.code, 'application.signature_invalid');
    const notBase64 = await submit(browsers.hanako, r, '!!!');
    assert.equal(notBase64.status, 422);
    // A valid signature, but over another document than the one stored.
    const otherHash = sha256(Buffer.from('something else'));
    const wrong = await submit(browsers.hanako, r, await cardSign(cards.hanako, otherHash));
    assert.equal(wrong.status, 422);
    const bodyWithWrongHash = await submit(
      browsers.hanako,
      r,
      await cardSign(cards.hanako, otherHash),
      otherHash,
    );
    assert.equal(bodyWithWrongHash.status, 409);
    const huge = await submit(browsers.hanako, r, 'A'.repeat(300 * 1024));
    assert.equal(huge.status, 413);
    await assertNothingStored(r);
  });

  it('refuses a signature by another person’s card (signer is not the applicant)', async () => {
    const r = await review(browsers.hanako);
    const res = await submit(browsers.hanako, r, await cardSign(cards.taro, r.sha256));
    assert.equal(res.status, 422);
    const body = await readJson(res);
    assert.equal(body.error.code, 'application.signer_mismatch');
    assert.match(body.error.message, /申請者/);
    await assertNothingStored(r);
  });

  it('answers 409 when the draft changed after review, and stores nothing', async () => {
    const before = await review(browsers.hanako);
    const signature = await cardSign(cards.hanako, before.sha256);
    assert.equal(
      (await browsers.hanako.form(base, validForm(before.csrf, 'review', '03-9999-0000'))).status,
      303,
    );
    const res = await submit(browsers.hanako, before, signature);
    assert.equal(res.status, 409);
    assert.equal((await readJson(res)).error.code, 'application.draft_changed');
    const after = await review(browsers.hanako);
    assert.notEqual(after.sha256, before.sha256);
    assert.equal(after.submissionId, before.submissionId);
    await assertNothingStored(after);
  });

  it('answers 404 to another account posting this submission id', async () => {
    const r = await review(browsers.hanako);
    const taroCsrf = csrfOf(await (await browsers.taro.fetch(base)).text());
    const res = await submit(browsers.taro, { ...r, csrf: taroCsrf }, await cardSign(cards.taro, r.sha256));
    assert.equal(res.status, 404);
    await assertNothingStored(r);
  });

  it('refuses a card whose signing certificate was revoked before signing', async () => {
    const r = await prepare(browsers.jiro);
    const revoke = await fetch(`${jpki.url}/api/staff/cards/${cards.jiro.cardSerial}/revoke`, {
      method: 'POST',
      headers: staffHeaders(),
      body: JSON.stringify({ kind: 'sign', reason: 'keyCompromise' }),
    });
    assert.equal(revoke.status, 200);
    // CMS signingTime has whole seconds: sign in a later second than the revocation, or jpki may
    // (rightly) see a signature from before it.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const res = await submit(browsers.jiro, r, await cardSign(cards.jiro, r.sha256));
    assert.equal(res.status, 422);
    const body = await readJson(res);
    assert.equal(body.error.code, 'application.certificate_revoked');
    assert.match(body.error.message, /失効/);
    assert.equal(await count('portal.application'), 0);
    assert.equal(await count('portal.application_draft where submission_id = $1', [r.submissionId]), 1);
  });

  it('submits once, even when the same submit arrives twice at the same time, and shows the receipt', async () => {
    const r = await review(browsers.hanako);
    const signature = await cardSign(cards.hanako, r.sha256);
    const [first, second] = await Promise.all([
      submit(browsers.hanako, r, signature),
      submit(browsers.hanako, r, signature),
    ]);
    assert.equal(first.status, 303);
    assert.equal(second.status, 303);
    assert.equal(first.headers.get('location'), `/applications/${r.submissionId}`);
    assert.equal(second.headers.get('location'), first.headers.get('location'));
    // A later retry (the browser resent the form) lands on the same receipt.
    const retry = await submit(browsers.hanako, r, signature);
    assert.equal(retry.status, 303);
    assert.equal(retry.headers.get('location'), first.headers.get('location'));

    assert.equal(await count('portal.application'), 1);
    assert.equal(await audits('application.submitted'), 1);
    assert.equal(await count('portal.application_draft where submission_id = $1', [r.submissionId]), 0);
    const stored = (
      await admin.query(
        'select canonical, sha256, signature, signer, receipt_number, subject from portal.application',
      )
    ).rows[0];
    assert.equal(sha256(stored.canonical), r.sha256);
    assert.equal(stored.sha256.toString('hex'), r.sha256);
    assert.equal(stored.signature.toString('base64'), signature);
    assert.equal(stored.signer.familyName, '窓口');
    assert.equal(stored.signer.givenName, '花子');
    const doc = parseCanonicalApplication(stored.canonical).document;
    assert.equal(doc.submissionId, r.submissionId);
    assert.equal(doc.applicant.subject, stored.subject);
    assert.equal(doc.attachments.length, 2);
    assert.equal(await count('portal.application_attachment where application_id = $1', [r.submissionId]), 2);
    assert.equal(
      await count('portal.application_attachment where draft_id is null and application_id is null'),
      0,
    );

    const parsed = parseReceiptNumber(stored.receipt_number);
    assert.equal(parsed.ok, true);
    const page = await (await browsers.hanako.fetch(`/applications/${r.submissionId}`)).text();
    assert.match(page, new RegExp(`data-testid="receipt-number">${stored.receipt_number}<`));
    assert.match(page, /児童手当の認定請求/);
    // 西暦 and 和暦 both.
    assert.match(page, /data-testid="submitted-at">20\d\d年\d+月\d+日 \d\d:\d\d（令和\d+年\d+月\d+日）</);

    const pdf = await browsers.hanako.fetch(`/applications/${r.submissionId}/receipt.pdf`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(bytes.toString('latin1').includes(utf16beHex(stored.receipt_number)));
    assert.equal(await audits('application.receipt_downloaded'), 1);

    const list = await (await browsers.hanako.fetch('/applications')).text();
    assert.match(list, new RegExp(`<td>${stored.receipt_number}</td>`));
  });

  it('shows nothing of it to another account (404) and lists none there', async () => {
    const id = (await admin.query('select id from portal.application')).rows[0].id;
    assert.equal((await browsers.taro.fetch(`/applications/${id}`)).status, 404);
    assert.equal((await browsers.taro.fetch(`/applications/${id}/receipt.pdf`)).status, 404);
    assert.match(await (await browsers.taro.fetch('/applications')).text(), /data-testid="no-applications"/);
    assert.equal(await audits('application.receipt_downloaded'), 1);
    const anonymous = await new Browser(portal.url).fetch(`/applications/${id}`);
    assert.equal(anonymous.status, 303);
  });
});
