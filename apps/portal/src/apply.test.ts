import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { kosodateServicesFor, type ServiceDefinition } from '@madoguchi/catalogue';
import { canonicalApplication, canonicalBytes, type JsonValue } from '@madoguchi/e-application';
import {
  createTestDatabase,
  type RunningTestService,
  type TestDatabase,
  testEngines,
} from '@madoguchi/testing';
import type pg from 'pg';
import { minimalPdf, minimalPng } from '../../../packages/e-application/src/test-files.ts';
import { startTestFeedServer, type TestFeedServer } from './services/services-catalogue/test-feed-server.ts';
import {
  Browser,
  cardLogin,
  csrfOf,
  issueTestCard,
  startJpki,
  startPortal,
} from './test-support/login-fixture.ts';

const base = '/services/131016/jidou-teate-nintei/apply';
const definition = kosodateServicesFor('131016').find(
  (d) => d.id === 'jidou-teate-nintei',
) as ServiceDefinition;

async function waitUntil(check: () => Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting for ${what}`);
}

/** A complete, valid 認定請求 as the form posts it (applicant's birth date typed in 和暦). */
function validForm(csrf: string, intent: string): Record<string, string> {
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
    // Full-width digits, as a Japanese IME types them.
    '/applicant/phone': '０３-１２３４-５６７８',
    // 国民年金: no health-insurance document is asked for.
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

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('online application: form, drafts, attachments, review', () => {
  let db: TestDatabase;
  let admin: pg.Pool;
  let feed: TestFeedServer;
  let jpki: RunningTestService;
  let portal: RunningTestService;
  let hanako: Browser;
  let taro: Browser;
  let csrf: string;

  const count = async (type: string) =>
    Number(
      (await admin.query('select count(*)::int as n from portal.audit_event where type = $1', [type])).rows[0]
        .n,
    );
  const draftRow = async () =>
    (
      await admin.query(
        `select d.answers, d.submission_id, d.updated_at, a.subject from portal.application_draft d
         join portal.account a on a.subject = d.subject where d.service_id = 'jidou-teate-nintei'
         order by a.created_at limit 1`,
      )
    ).rows[0];
  const upload = (browser: Browser, document: string, name: string, bytes: Uint8Array) => {
    const body = new FormData();
    body.set('_csrf', csrf);
    body.set('document', document);
    body.set('file', new Blob([bytes]), name);
    return browser.fetch(`${base}/attachments`, { method: 'POST', body });
  };

  before(async () => {
    db = await createTestDatabase(testEngines()[0] as ReturnType<typeof testEngines>[number]);
    admin = db.adminPool(2);
    feed = await startTestFeedServer();
    for (const def of kosodateServicesFor('131016')) feed.publish(def);
    jpki = await startJpki(db);
    portal = await startPortal(db, {
      JPKI_URL: jpki.url,
      AGENCY_URL: feed.url,
      CATALOGUE_SYNC_SECONDS: '0',
      PORTAL_OCSP_CACHE_SECONDS: '0',
    });
    await waitUntil(
      async () => (await fetch(`${portal.url}/services/131016/jidou-teate-nintei`)).status === 200,
      'the catalogue feed',
    );
    hanako = new Browser(portal.url);
    taro = new Browser(portal.url);
    const cards = await Promise.all([
      issueTestCard(jpki.url, 'agency:131016:00000000-0000-4000-8000-000000000071'),
      issueTestCard(jpki.url, 'agency:131016:00000000-0000-4000-8000-000000000072', {
        familyName: '窓口',
        givenName: '太郎',
        address: '東京都千代田区永田町一丁目1番1号',
        birthDate: '1988-02-03',
        sex: 1,
      }),
    ]);
    assert.equal((await cardLogin(hanako, cards[0])).status, 200);
    assert.equal((await cardLogin(taro, cards[1])).status, 200);
  });
  after(async () => {
    await portal?.close();
    await jpki?.close();
    await feed?.close();
    await admin?.end();
    await db?.drop();
  });

  it('sends a visitor who is not logged in to the login page', async () => {
    const anonymous = new Browser(portal.url);
    for (const path of [base, `${base}/review`]) {
      const res = await anonymous.fetch(path);
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/login');
    }
    const post = await anonymous.form(base, { _csrf: 'x', intent: 'save' });
    assert.equal(post.status, 303);
    assert.equal(post.headers.get('location'), '/login');
  });

  it('renders the 児童手当 認定請求 form from the definition, with its documents', async () => {
    const res = await hanako.fetch(base);
    assert.equal(res.status, 200);
    const page = await res.text();
    csrf = csrfOf(page);
    assert.match(page, /<h1>児童手当の認定請求：申請書の入力<\/h1>/);
    // Every UI field of the definition has its input, named by the pointer of its value.
    for (const name of ['/applicant/familyName', '/children/0/givenNameKana', '/bank/accountNumber'])
      assert.match(page, new RegExp(`name="${name}"`));
    assert.match(
      page,
      /<input type="radio" id="f-applicant-pension" name="\/applicant\/pension" value="kosei">/,
    );
    assert.match(page, /<select id="f-applicant-birthDate-era" name="\/applicant\/birthDate:era">/);
    assert.match(page, /<option value="令和">令和<\/option>/);
    assert.match(page, /data-section="children" data-rows="1"/);
    assert.match(page, /data-section="older-children" data-rows="0"/);
    // No answers yet: the bank book copy is asked for (not 公金受取口座), children living apart are not known.
    assert.match(page, /data-document="kouza-kakunin" data-status="attach"/);
    assert.match(
      page,
      /accept="application\/pdf,\.pdf,image\/jpeg,\.jpg,\.jpeg,image\/png,\.png,image\/heic,\.heic,\.heif"/,
    );
    assert.match(page, /data-document="bekkyo-juminhyo" data-status="not_needed"/);
    // Not through the one-cookie Browser: the page remembers the language in a cookie of its own.
    const en = await (
      await fetch(`${portal.url}${base}?lang=en`, { headers: { cookie: hanako.cookie } })
    ).text();
    assert.match(en, /Save for later/);
    assert.match(en, /Family name/);
  });

  it('saves a partial draft without errors and resumes it, adding a row', async () => {
    const saved = await hanako.form(base, {
      _csrf: csrf,
      intent: 'save',
      '/applicant/familyName': '窓口',
      '/applicant/pension': 'kosei',
      'rows:children': '1',
      '/children/0/givenName': '一郎',
    });
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get('location'), base);
    const resumed = await (await hanako.fetch(base)).text();
    assert.doesNotMatch(resumed, /data-testid="error-summary"/);
    assert.match(resumed, /name="\/applicant\/familyName" value="窓口"/);
    assert.match(resumed, /name="\/applicant\/pension" value="kosei" checked/);
    assert.match(resumed, /name="\/children\/0\/givenName" value="一郎"/);
    const added = await hanako.form(base, {
      _csrf: csrf,
      intent: 'add:children',
      '/applicant/familyName': '窓口',
      'rows:children': '1',
      '/children/0/givenName': '一郎',
    });
    assert.equal(added.status, 303);
    assert.equal(added.headers.get('location'), `${base}#f-children`);
    const twoRows = await (await hanako.fetch(base)).text();
    assert.match(twoRows, /data-section="children" data-rows="2"/);
    assert.match(twoRows, /name="\/children\/1\/givenName" value=""/);
    assert.match(twoRows, /name="\/children\/0\/givenName" value="一郎"/);
    assert.ok((await count('application.draft_saved')) >= 2);
    assert.ok((await count('application.draft_read')) >= 2);
  });

  it('review with errors: 400, a summary linking to each field, inline messages; empty rows dropped', async () => {
    const res = await hanako.form(base, {
      _csrf: csrf,
      intent: 'review',
      '/applicant/familyName': '窓口',
      '/applicant/familyNameKana': 'まどぐち',
      'rows:children': '2',
      '/children/0/givenName': '一郎',
    });
    assert.equal(res.status, 400);
    const page = await res.text();
    assert.match(page, /data-testid="error-summary"/);
    // Linked anchors exist on the page, and the message names the field.
    for (const id of [
      'f-applicant-givenName',
      'f-applicant-familyNameKana',
      'f-children-0-birthDate',
      'f-hasSpouse',
    ]) {
      assert.match(page, new RegExp(`<a href="#${id}">`), id);
      assert.match(page, new RegExp(`id="${id}"`), id);
    }
    assert.match(page, /<a href="#f-applicant-givenName">名：入力してください。<\/a>/);
    assert.match(
      page,
      /<p class="field-error" id="f-applicant-familyNameKana-error">氏（フリガナ）：入力の形式が正しくありません。<\/p>/,
    );
    assert.match(page, /aria-describedby="f-applicant-familyNameKana-error" aria-invalid="true"/);
    // The empty second child row was dropped, so error paths and rows agree.
    assert.match(page, /data-section="children" data-rows="1"/);
    assert.doesNotMatch(page, /f-children-1-/);
    // The review page is not reachable while the draft does not validate.
    const review = await hanako.fetch(`${base}/review`);
    assert.equal(review.status, 303);
    assert.equal(review.headers.get('location'), base);
  });

  it('review with a valid answer set: 和暦 converted, documents personalised, hash of the canonical document', async () => {
    const res = await hanako.form(base, validForm(csrf, 'review'));
    assert.equal(res.status, 303, await res.clone().text());
    assert.equal(res.headers.get('location'), `${base}/review`);
    const row = await draftRow();
    // 平成元年 is 1989, so 平成2年4月1日 is 1990-04-01; full-width digits normalised; the empty spouse group dropped.
    assert.equal(row.answers.applicant.birthDate, '1990-04-01');
    assert.equal(row.answers.applicant.phone, '03-1234-5678');
    assert.equal(row.answers.hasSpouse, false);
    assert.equal('spouse' in row.answers, false);
    assert.deepEqual(row.answers.olderChildren, []);
    const page = await (await hanako.fetch(`${base}/review`)).text();
    assert.match(page, /<dd data-field="\/applicant\/birthDate">1990-04-01（平成2年4月1日）<\/dd>/);
    assert.match(page, /<dd data-field="\/children\/0\/relationship">子<\/dd>/);
    // A child living apart: the 住民票 is fetched over the network, the 申立書 must be attached.
    assert.match(page, /data-document="bekkyo-juminhyo" data-status="via_hub"/);
    assert.match(page, /情報連携により省略/);
    assert.match(page, /data-document="bekkyo-kango" data-status="attach"/);
    assert.match(page, /data-testid="missing-documents"/);
    // 国民年金: the health-insurance document is not needed, so the review does not list it.
    assert.doesNotMatch(page, /data-document="kenko-hoken-shikaku"/);
    assert.match(
      page,
      /<button type="button" class="button" disabled aria-describedby="sign-note" data-testid="sign">マイナンバーカードで署名して申請<\/button>/,
    );
    const shown = /data-testid="application-sha256">([0-9a-f]{64})</.exec(page)?.[1];
    // Recomputed here from the stored row with the kernel: the page shows the hash of what is stored.
    const expected = canonicalApplication({
      serviceId: 'jidou-teate-nintei',
      municipality: '131016',
      formVersion: `sha256:${sha256(canonicalBytes(definition.form as unknown as JsonValue))}`,
      applicant: { subject: row.subject },
      answers: row.answers,
      attachments: [],
      submissionId: row.submission_id,
      createdAt: row.updated_at,
    });
    assert.equal(shown, expected.sha256);
    assert.match(page, new RegExp(`data-testid="submission-id">${row.submission_id}<`));
  });

  it('attachments: a PNG is stored by its content type and hash; wrong, oversized and active files are refused', async () => {
    const png = minimalPng();
    const ok = await upload(hanako, 'kouza-kakunin', '通帳.png', png);
    assert.equal(ok.status, 303, await ok.clone().text());
    assert.equal(ok.headers.get('location'), `${base}?flash=attached#doc-kouza-kakunin-file`);
    const stored = (
      await admin.query(
        "select media_type, size, encode(sha256, 'hex') as sha256, filename from portal.application_attachment",
      )
    ).rows;
    assert.deepEqual(stored, [
      { media_type: 'image/png', size: png.byteLength, sha256: sha256(png), filename: '通帳.png' },
    ]);

    const refusals: [string, Uint8Array, string, number][] = [
      ['scan.pdf', png, 'type_mismatch', 400],
      ['big.png', new Uint8Array(10 * 1024 * 1024 + 1).fill(0x89, 0, 1), 'too_large', 413],
      ['active.pdf', minimalPdf(['<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>']), 'flagged', 400],
      ['notes.txt', new TextEncoder().encode('just text'), 'type_not_allowed', 400],
    ];
    for (const [name, bytes, refusal, status] of refusals) {
      const res = await upload(hanako, 'kouza-kakunin', name, bytes);
      assert.equal(res.status, status, name);
      const page = await res.text();
      assert.match(page, new RegExp(`data-testid="attachment-error" data-refusal="${refusal}"`), name);
      assert.match(page, /<a href="#doc-kouza-kakunin-file">/, name);
    }
    assert.equal(
      Number((await admin.query('select count(*)::int as n from portal.application_attachment')).rows[0].n),
      1,
    );
    // A clean PDF passes the scanner.
    assert.equal((await upload(hanako, 'bekkyo-kango', 'moushitate.pdf', minimalPdf())).status, 303);

    const review = await (await hanako.fetch(`${base}/review`)).text();
    assert.match(review, new RegExp(`data-sha256="${sha256(png)}"`));
    assert.doesNotMatch(review, /data-testid="missing-documents"/);
  });

  it('another account gets 404 for the draft’s attachment; the owner can read and remove it', async () => {
    const page = await (await hanako.fetch(base)).text();
    const id = /data-testid="attachment" data-attachment="([0-9a-f-]{36})"/.exec(page)?.[1];
    assert.ok(id);
    const taroPage = await (await taro.fetch(base)).text();
    const taroCsrf = csrfOf(taroPage);
    assert.doesNotMatch(taroPage, /data-testid="attachment"/);
    assert.equal((await taro.fetch(`${base}/attachments/${id}`)).status, 404);
    assert.equal((await taro.form(`${base}/attachments/${id}/remove`, { _csrf: taroCsrf })).status, 404);
    const own = await hanako.fetch(`${base}/attachments/${id}`);
    assert.equal(own.status, 200);
    assert.equal(own.headers.get('content-type'), 'image/png');
    assert.deepEqual(new Uint8Array(await own.arrayBuffer()), minimalPng());
    // A forged CSRF token does not remove anything.
    assert.equal((await hanako.form(`${base}/attachments/${id}/remove`, { _csrf: taroCsrf })).status, 403);
    const removed = await hanako.form(`${base}/attachments/${id}/remove`, { _csrf: csrf });
    assert.equal(removed.status, 303);
    assert.equal((await hanako.fetch(`${base}/attachments/${id}`)).status, 404);
  });

  it('writes an audit row for every read and write of the draft, as the person', async () => {
    const { rows } = await admin.query(
      `select type, actor, subject, detail from portal.audit_event where type like 'application.%' order by id`,
    );
    const types = new Set(rows.map((r) => r.type));
    for (const t of [
      'application.draft_saved',
      'application.draft_read',
      'application.attachment_added',
      'application.attachment_removed',
    ])
      assert.ok(types.has(t), t);
    const owner = (await draftRow()).subject;
    const added = rows.filter((r) => r.type === 'application.attachment_added');
    assert.equal(added.length, 2);
    assert.equal(added[0].actor, `resident:${owner}`);
    assert.match(added[0].subject, /^application_draft:[0-9a-f-]{36}$/);
    assert.deepEqual(
      {
        document: added[0].detail.document,
        mediaType: added[0].detail.mediaType,
        service: added[0].detail.service,
      },
      { document: 'kouza-kakunin', mediaType: 'image/png', service: '131016/jidou-teate-nintei' },
    );
    // Refused uploads and other people's attempts stored nothing and logged no draft access for them.
    assert.equal(rows.filter((r) => r.type === 'application.attachment_removed').length, 1);
  });
});
