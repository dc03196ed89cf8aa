import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { kosodateServicesFor, type ServiceDefinition } from '@madoguchi/catalogue';
import {
  createTestDatabase,
  type RunningTestService,
  readJson,
  type TestDatabase,
  testEngines,
} from '@madoguchi/testing';
import { startTestFeedServer, type TestFeedServer } from './services/services-catalogue/test-feed-server.ts';
import { startPortal } from './test-support/login-fixture.ts';

/** The portal answers 503 until kuromoji has loaded and the first sync has run; wait for that. */
async function waitUntil(check: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting for ${what}`);
}

const search = (portal: RunningTestService, params: Record<string, string>) =>
  fetch(`${portal.url}/api/services/search?${new URLSearchParams(params)}`);

const page = async (portal: RunningTestService, path: string) => {
  const res = await fetch(`${portal.url}${path}`, { headers: { accept: 'text/html' } });
  return { status: res.status, html: await res.text(), headers: res.headers };
};

/** The <li> of one personalised document, by its id. */
function documentItem(html: string, id: string): string {
  const m = new RegExp(`<li data-testid="document" data-document="${id}"[^>]*>`).exec(html);
  assert.ok(m, `document ${id} is listed`);
  return m[0];
}

describe('ぴったりサービス in the portal (search API, pages, feed)', () => {
  let db: TestDatabase;
  let feed: TestFeedServer;
  let portal: RunningTestService;

  before(async () => {
    db = await createTestDatabase(testEngines()[0] as ReturnType<typeof testEngines>[number]);
    feed = await startTestFeedServer(6);
    for (const code of ['131016', '131121']) for (const def of kosodateServicesFor(code)) feed.publish(def);
    portal = await startPortal(db, { AGENCY_URL: feed.url, CATALOGUE_SYNC_SECONDS: '1' });
    await waitUntil(
      async () => (await search(portal, { q: '' })).status === 200,
      'the catalogue and the search index',
    );
  });
  after(async () => {
    await portal?.close();
    await feed?.close();
    await db?.drop();
  });

  it('finds 児童手当 認定請求 from hiragana, with the contract’s fields', async () => {
    const res = await search(portal, { q: 'じどうてあて にんてい', municipality: '131016' });
    assert.equal(res.status, 200);
    const body = await readJson(res);
    assert.deepEqual(
      { ...body.items[0], score: undefined },
      {
        id: 'jidou-teate-nintei',
        municipality: '131016',
        municipalityName: '千代田区',
        title: '児童手当の認定請求',
        category: '子育て',
        lifeEvents: ['妊娠・出産', '子育て', '引越し'],
        score: undefined,
      },
    );
    assert.ok(body.items[0].score > 0);
    const kana = await readJson(await search(portal, { q: 'じどうてあて', municipality: '131016' }));
    // Every procedure with 児童手当 in its title (the catalogue's own list), and nothing else.
    const expected = kosodateServicesFor('131016')
      .filter((d) => d.title.includes('児童手当'))
      .map((d) => d.id)
      .sort();
    assert.equal(expected.length, 7);
    assert.deepEqual(kana.items.map((i: { id: string }) => i.id).sort(), expected);
    assert.equal(kana.total, expected.length);
  });

  it('filters by municipality, category and life event, and pages with limit', async () => {
    const pregnancy = await readJson(
      await search(portal, { lifeEvent: '妊娠・出産', municipality: '131121', category: '子育て' }),
    );
    assert.ok(pregnancy.total >= 2);
    for (const item of pregnancy.items) {
      assert.equal(item.municipality, '131121');
      assert.equal(item.municipalityName, '世田谷区');
      assert.ok(item.lifeEvents.includes('妊娠・出産'));
    }
    const nationwide = await readJson(await search(portal, { q: 'にんしん とどけで' }));
    // 妊娠の届出 in both municipalities first (shorter title), then 妊娠届出時の面談アンケート.
    const ids = nationwide.items.map(
      (i: { municipality: string; id: string }) => `${i.municipality}/${i.id}`,
    );
    assert.deepEqual(ids.slice(0, 2).sort(), ['131016/ninshin-todoke', '131121/ninshin-todoke']);
    assert.deepEqual(ids.slice(2).sort(), ['131016/ninshin-mendan', '131121/ninshin-mendan']);
    const limited = await readJson(await search(portal, { municipality: '131016', limit: '3' }));
    assert.equal(limited.items.length, 3);
    assert.equal(limited.total, 15);
    const none = await readJson(await search(portal, { category: '防災' }));
    assert.deepEqual(none, { items: [], total: 0 });
  });

  it('answers 400 validation.failed on bad parameters, naming them', async () => {
    for (const [params, path] of [
      [{ limit: '0' }, '/querystring/limit'],
      [{ limit: '101' }, '/querystring/limit'],
      [{ municipality: 'chiyoda' }, '/querystring/municipality'],
      [{ category: 'lottery' }, '/querystring/category'],
      [{ q: 'x'.repeat(201) }, '/querystring/q'],
      [{ myNumber: '123456789018' }, '/querystring/myNumber'],
    ] as const) {
      const res = await search(portal, params);
      assert.equal(res.status, 400, JSON.stringify(params));
      const body = await readJson(res);
      assert.equal(body.error.code, 'validation.failed');
      assert.ok(
        body.error.fields.some((f: { path: string }) => f.path === path),
        `${JSON.stringify(params)}: ${JSON.stringify(body.error.fields)}`,
      );
    }
  });

  it('renders the search page with results, links and the ぴったり verdicts, in Japanese and English', async () => {
    const ja = await page(
      portal,
      `/services?${new URLSearchParams({ q: 'じどうてあて', municipality: '131016', ages: '３、20' })}`,
    );
    assert.equal(ja.status, 200);
    assert.equal(ja.headers.get('cache-control'), 'no-store');
    assert.match(ja.html, /<html lang="ja">/);
    assert.match(ja.html, /<option value="131016" selected>千代田区<\/option>/);
    assert.match(ja.html, /<label for="q">/);
    assert.match(ja.html, /<label for="ages">/);
    assert.match(ja.html, /<legend>ひとり親家庭ですか<\/legend>/);
    assert.match(ja.html, /href="\/services\/131016\/jidou-teate-nintei\?ages=/);
    assert.match(ja.html, /data-service="131016\/jidou-teate-nintei" data-verdict="eligible"/);
    assert.match(ja.html, /7件見つかりました/);
    assert.ok(!/<script>|style="/.test(ja.html), 'no inline script or style (CSP)');
    const en = await page(portal, '/services?lang=en&q=%E4%BF%9D%E8%82%B2&municipality=131121');
    assert.equal(en.status, 200);
    assert.match(en.html, /<html lang="en">/);
    assert.match(en.html, /Childcare: application for certification/);
  });

  it('re-renders the search form with an error summary for unreadable answers', async () => {
    const bad = await page(portal, '/services?ages=two&working=maybe&municipality=999999');
    assert.equal(bad.status, 400);
    assert.match(bad.html, /class="error-summary"/);
    for (const field of ['ages', 'working', 'municipality'])
      assert.match(bad.html, new RegExp(`<a href="#${field}">`));
    assert.match(bad.html, /id="ages"[^>]*aria-invalid="true"/);
    assert.match(bad.html, /value="two"/, 'the person does not have to type it again');
  });

  it('shows a service with eligibility and personalised documents (情報連携により省略)', async () => {
    const hoiku = await page(portal, '/services/131016/hoiku-shikyu-nintei?ages=2&working=yes');
    assert.equal(hoiku.status, 200);
    assert.match(hoiku.html, /子どものための教育・保育給付 支給認定申請/);
    assert.match(hoiku.html, /data-eligible="yes"/);
    assert.match(hoiku.html, /data-testid="fee">無料/);
    assert.match(hoiku.html, /マイナンバーカードによる電子署名が必要です/);
    assert.match(hoiku.html, /保育課/);
    assert.match(hoiku.html, /電話番号は登録されていません/, 'the placeholder number is never shown');
    // 課税証明書: needed only for those who lived elsewhere on 1 January, and then fetched by the office.
    assert.match(
      documentItem(hoiku.html, 'kazei-shoumeisho'),
      /data-status="via_hub" data-conditional="true"/,
    );
    assert.match(hoiku.html, /情報連携により省略/);
    assert.match(hoiku.html, /地方税関係情報を情報連携で確認します/);
    // 就労証明書 follows the "working" answer.
    assert.match(
      documentItem(hoiku.html, 'shuurou-shoumeisho'),
      /data-status="attach" data-conditional="false"/,
    );
    assert.match(hoiku.html, /PDF, JPEG, PNG, HEIC（1ファイル10MBまで）/);
    const notWorking = await page(portal, '/services/131016/hoiku-shikyu-nintei?ages=2&working=no');
    assert.match(documentItem(notWorking.html, 'shuurou-shoumeisho'), /data-status="not_needed"/);
    assert.match(
      notWorking.html,
      /<a class="button" href="\/services\/131016\/hoiku-shikyu-nintei\/apply\?ages=2&amp;working=no"/,
    );

    const tooOld = await page(portal, '/services/131016/jidou-teate-nintei?ages=20');
    assert.match(tooOld.html, /data-eligible="no"/);
    const unanswered = await page(portal, '/services/131016/jidou-teate-nintei');
    assert.match(unanswered.html, /data-eligible="unknown"/);
    assert.match(unanswered.html, /<a href="#ages">子どもの年齢<\/a>/);
    const en = await page(
      portal,
      '/services/131121/jidou-fuyou-teate-genkyou?lang=en&singleParent=yes&ages=7',
    );
    assert.equal(en.status, 200);
    assert.match(en.html, /data-eligible="yes"/);
    assert.match(en.html, /Obtained over the information network/);
  });

  it('answers 404 for an unknown service; applying asks a logged-out visitor to log in', async () => {
    const unknown = await page(portal, '/services/131016/no-such-service');
    assert.equal(unknown.status, 404);
    assert.equal((await page(portal, '/services/131017/jidou-teate-nintei')).status, 404);
    const apply = await fetch(`${portal.url}/services/131016/jidou-teate-nintei/apply`, {
      redirect: 'manual',
    });
    assert.equal(apply.status, 303);
    assert.equal(apply.headers.get('location'), '/login');
  });

  it('follows the feed: a withdrawn service disappears, a changed one is found by its new title', async () => {
    feed.withdraw('131121', 'ninshin-todoke');
    const changed = kosodateServicesFor('131121').find((d) => d.id === 'hoiku-genkyou') as ServiceDefinition;
    feed.publish({ ...changed, title: '保育施設等の現況届（世田谷区様式）' });
    await waitUntil(
      async () => (await page(portal, '/services/131121/ninshin-todoke')).status === 404,
      'the tombstone to arrive',
    );
    const left = await readJson(await search(portal, { q: 'にんしん とどけで' }));
    assert.deepEqual(
      left.items
        .filter((i: { id: string }) => i.id === 'ninshin-todoke')
        .map((i: { municipality: string }) => i.municipality),
      ['131016'],
    );
    const renamed = await readJson(await search(portal, { q: 'せたがやくようしき', municipality: '131121' }));
    assert.equal(renamed.items[0]?.title, '保育施設等の現況届（世田谷区様式）');
  });

  it('links ぴったりサービス from the top page', async () => {
    const top = await page(portal, '/');
    assert.match(top.html, /<a href="\/services">ぴったりサービス<\/a>/);
  });
});

describe('the portal with its agency feed down', () => {
  let db: TestDatabase;
  let portal: RunningTestService;

  before(async () => {
    db = await createTestDatabase(testEngines()[0] as ReturnType<typeof testEngines>[number]);
    portal = await startPortal(db, { AGENCY_URL: 'http://127.0.0.1:9', CATALOGUE_SYNC_SECONDS: '0' });
  });
  after(async () => {
    await portal?.close();
    await db?.drop();
  });

  it('starts, serves its other pages, and says 準備中 on the service pages', async () => {
    assert.equal((await page(portal, '/')).status, 200);
    assert.equal((await page(portal, '/faq')).status, 200);
    assert.equal((await fetch(`${portal.url}/readyz`)).status, 200);
    const services = await page(portal, '/services');
    assert.equal(services.status, 503);
    assert.match(services.html, /data-testid="preparing"/);
    assert.match(services.html, /<label for="q">/, 'the form is still there');
    const api = await search(portal, { q: 'じどうてあて' });
    assert.equal(api.status, 503);
    const body = await readJson(api);
    assert.equal(body.error.code, 'service.unavailable');
    assert.equal(body.error.details.reason, 'catalogue_unavailable');
    assert.equal((await page(portal, '/services/131016/jidou-teate-nintei')).status, 503);
  });
});
