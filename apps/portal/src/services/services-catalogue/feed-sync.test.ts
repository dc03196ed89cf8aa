import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { kosodateServicesFor, type ServiceDefinition } from '@madoguchi/catalogue';
import { createTokenizer } from '@madoguchi/service-search';
import { createCatalogueStore } from './catalogue-store.ts';
import { createFeedSync, FeedFormatError, parseFeedPage } from './feed-sync.ts';
import { startTestFeedServer, type TestFeedServer } from './test-feed-server.ts';

const quiet = { warn: () => {}, info: () => {} };

describe('catalogue feed sync (real HTTP feed server)', () => {
  let feed: TestFeedServer;
  const chiyoda = kosodateServicesFor('131016');
  const chuo = kosodateServicesFor('131121');

  before(async () => {
    feed = await startTestFeedServer(7);
    for (const def of [...chiyoda, ...chuo]) feed.publish(def);
  });
  after(() => feed.close());

  it('pages through the feed, then follows upserts and tombstones from its cursor', async () => {
    const store = createCatalogueStore();
    const warnings: unknown[] = [];
    const sync = createFeedSync({
      agencyUrl: feed.url,
      store,
      log: { ...quiet, warn: (d) => warnings.push(d) },
      intervalSeconds: 0,
    });
    const first = await sync.syncNow();
    // 30 items in pages of 7: 5 pages with items and the empty one that ends the sync.
    assert.deepEqual(first, { pages: 6, applied: 30, rejected: 0, next: 30 });
    assert.equal(store.size, 30);
    assert.equal(store.cursor, 30);
    assert.deepEqual(store.municipalities(), ['131016', '131121']);
    assert.equal(feed.requests[0], '?after=0&limit=500');
    assert.equal(feed.requests.at(-1), '?after=30&limit=500');
    assert.equal(store.get('131016', 'jidou-teate-nintei')?.title, chiyoda[0]?.title);

    feed.withdraw('131121', 'ninshin-todoke');
    const renamed: ServiceDefinition = {
      ...(chiyoda[1] as ServiceDefinition),
      title: '児童手当の額の改定（テスト）',
    };
    feed.publish(renamed);
    const second = await sync.syncNow();
    assert.deepEqual(second, { pages: 2, applied: 2, rejected: 0, next: 32 });
    assert.equal(store.get('131121', 'ninshin-todoke'), undefined);
    assert.equal(store.get('131016', renamed.id)?.title, '児童手当の額の改定（テスト）');
    assert.equal(store.size, 29);

    // A definition that fails checkDefinition is skipped and the previous state kept.
    const broken = { ...(chiyoda[2] as ServiceDefinition), municipality: '131017' };
    feed.publishRaw({ municipality: '131016', id: broken.id, deleted: false, definition: broken });
    const third = await sync.syncNow();
    assert.equal(third.rejected, 1);
    assert.equal(store.get('131016', broken.id)?.municipality, '131016');
    assert.equal(warnings.length, 1);

    // Nothing new: one request, nothing applied, cursor unchanged.
    assert.deepEqual(await sync.syncNow(), { pages: 1, applied: 0, rejected: 0, next: 33 });
  });

  it('indexes what the feed delivered once the tokenizer is there: kana finds kanji titles', async () => {
    const store = createCatalogueStore();
    const sync = createFeedSync({ agencyUrl: feed.url, store, log: quiet, intervalSeconds: 0 });
    await sync.syncNow();
    assert.equal(store.state(), 'index_loading');
    assert.equal(store.search({ q: 'じどうてあて' }), undefined);
    store.useTokenizer(await createTokenizer());
    assert.equal(store.state(), 'ready');
    const found = store.search({ q: 'じどうてあて にんてい', municipality: '131016', limit: 5 });
    assert.ok(found);
    assert.equal(found.hits[0]?.definition.title, '児童手当の認定請求');
    assert.equal(found.hits[0]?.definition.municipality, '131016');
    // Withdrawn after indexing: gone from search too.
    assert.equal(
      store.search({ q: '妊娠', municipality: '131121' })?.total,
      1,
      'only the 面談 survey is left',
    );
    const all = store.search({ q: 'じどうてあて', limit: 2 });
    assert.equal(all?.hits.length, 2);
    assert.ok((all?.total ?? 0) > 2, 'total counts beyond the page');
  });

  it('refuses a page that breaks the contract, applying nothing', async () => {
    assert.throws(() => parseFeedPage({ items: [] }, 0), FeedFormatError);
    const item = (version: number) => ({
      version,
      municipality: '131016',
      id: 'x',
      deleted: true,
      definition: null,
    });
    assert.throws(() => parseFeedPage({ items: [item(3), item(2)], next: 2 }, 0), /ascending/);
    assert.throws(() => parseFeedPage({ items: [item(3)], next: 5 }, 0), /next/);
    assert.throws(() => parseFeedPage({ items: [item(3)], next: 3 }, 3), /ascending/);
    assert.deepEqual(parseFeedPage({ items: [], next: 9 }, 9), { items: [], next: 9 });
  });

  it('fails cleanly when the agency is down, and the store stays unavailable', async () => {
    const store = createCatalogueStore();
    const sync = createFeedSync({ agencyUrl: 'http://127.0.0.1:9', store, log: quiet, intervalSeconds: 0 });
    await assert.rejects(sync.syncNow());
    assert.equal(store.state(), 'catalogue_unavailable');
    await sync.stop();
  });
});
