import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { deriveKey, verifyBundle } from '@madoguchi/exchange';
import { enrollAgency, flushLog } from '@madoguchi/hub/test-support';
import { formatVkey } from '@madoguchi/merkle-log';
import { createTestDatabase, forEachEngine, readJson, type TestDatabase } from '@madoguchi/testing';
import type pg from 'pg';
import { Browser, csrfOf } from './test-support/login-fixture.ts';
import {
  enrollFromAgency,
  loggedIn,
  type Network,
  portalExchangeSecret,
  startNetwork,
  type TestResident,
} from './test-support/network-fixture.ts';

const attrs = (page: string, name: string): string[] =>
  [...page.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => m[1] as string);

/** The status each agency has in the わたしの情報 status list. */
function statuses(page: string): Record<string, string> {
  const list = /data-testid="agency-status">([\s\S]*?)<\/ul>/.exec(page)?.[1] ?? '';
  return Object.fromEntries(
    [...list.matchAll(/data-agency="([^"]+)" data-status="([^"]+)"/g)].map((m) => [m[1], m[2]]),
  );
}

/** Parses RFC 4180 CSV (quoted fields with commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

forEachEngine(describe, (engine) => {
  let db: TestDatabase;
  let admin: pg.Pool;
  let net: Network;
  let hanako: TestResident;
  let jiro: TestResident;
  let browser: Browser;

  const count = async (sql: string, ...params: unknown[]) =>
    Number((await admin.query(sql, params)).rows[0].n);

  /** Waits until the hub's sequencer has put the entry into the log (it runs every 100 ms). */
  /** Sequences everything pending at the hub now, then checks this entry has its index. */
  async function sequenced(entryId: string): Promise<void> {
    await flushLog(net.hub);
    assert.equal((await fetch(`${net.hub.url}/log/sequenced/${entryId}`)).status, 200);
  }

  before(async () => {
    db = await createTestDatabase(engine);
    admin = db.adminPool(2);
    net = await startNetwork(db);
    hanako = await net.createResident();
    jiro = await net.createResident({ givenName: '次郎', givenKana: 'ジロウ', birthDate: '1980-02-03' });
    browser = await loggedIn(net.portal.url, hanako);
  });
  after(async () => {
    await net?.close();
    await admin?.end();
    await db?.drop();
  });

  it('publishes its exchange credential and links the account at the hub on first login', async () => {
    const cred = await readJson(await fetch(`${net.portal.url}/api/exchange/credential`));
    assert.deepEqual(cred, {
      agencyCode: 'portal',
      publicKey: deriveKey(portalExchangeSecret, 'agency:portal').publicKeyB64,
      endpointUrl: 'http://127.0.0.1:3000',
    });
    const { rows } = await admin.query('select fugo from portal.account where fugo is not null');
    assert.equal(rows.length, 1);
    assert.match(rows[0].fugo, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(
      await count("select count(*)::int as n from portal.audit_event where type = 'fugo.portal_linked'"),
      1,
    );
    // A second login does not ask the hub again.
    await loggedIn(net.portal.url, hanako);
    assert.equal(
      await count("select count(*)::int as n from portal.audit_event where type = 'fugo.portal_linked'"),
      1,
    );
  });

  it('shows わたしの情報 from several agencies, by category, and logs each read at the hub', async () => {
    const before = await count(
      "select (select count(*) from hub.log_entry where querier = 'portal') + (select count(*) from hub.log_pending) as n",
    );
    const res = await browser.fetch('/mydata');
    assert.equal(res.status, 200);
    const page = await res.text();
    const s = statuses(page);
    assert.equal(s['131016'], 'ok', page);
    assert.equal(s.jps, 'ok');
    // 協会けんぽ holds a copy only for some people (the demo draws who is insured there).
    const agencies = Object.keys(s);
    assert.ok(agencies.length >= 2 && agencies.every((a) => s[a] === 'ok'), JSON.stringify(s));
    assert.ok(attrs(page, 'data-testid').filter((t) => t === 'record').length >= 3);
    assert.match(page, /<h2 id="cat-juminhyo">住民票関係情報<\/h2>/);
    assert.match(page, /デジタル/);
    const after = await count(
      "select (select count(*) from hub.log_entry where querier = 'portal') + (select count(*) from hub.log_pending) as n",
    );
    assert.ok(after - before >= agencies.length, 'one exchange-log entry per provider');
    assert.equal(
      await count("select count(*)::int as n from portal.audit_event where type = 'mydata.viewed'"),
      1,
    );
    const detail = (await admin.query("select detail from portal.audit_event where type = 'mydata.viewed'"))
      .rows[0].detail;
    assert.deepEqual(Object.keys(detail).sort(), ['filtered', 'providers', 'records', 'unavailable']);
  });

  it('filters by category, agency and keyword with GET parameters', async () => {
    const tax = await (await browser.fetch('/mydata?category=chihouzei')).text();
    assert.deepEqual([...new Set(attrs(tax, 'data-category'))], ['chihouzei']);
    const jps = await (await browser.fetch('/mydata?agency=jps&q=')).text();
    assert.deepEqual([...new Set(attrs(jps, 'data-testid="record" data-agency'))], ['jps']);
    const none = await (
      await browser.fetch('/mydata?q=%E5%AD%98%E5%9C%A8%E3%81%97%E3%81%AA%E3%81%84%E8%AA%9E')
    ).text();
    assert.match(none, /条件に合う情報はありません/);
    const bad = await browser.fetch('/mydata?category=%3Cscript%3E');
    assert.equal(bad.status, 400);
  });

  it('downloads the same information as JSON and as CSV (BOM, RFC 4180)', async () => {
    const jsonRes = await browser.fetch('/mydata/download.json');
    assert.equal(jsonRes.status, 200);
    assert.match(String(jsonRes.headers.get('content-disposition')), /attachment; filename="mydata-/);
    const json = await readJson(jsonRes);
    assert.equal(json.format, 'madoguchi-mydata/v1');
    assert.ok(json.records.length >= 3);
    const csvRes = await browser.fetch('/mydata/download.csv');
    assert.match(String(csvRes.headers.get('content-type')), /^text\/csv; charset=utf-8/);
    const bytes = Buffer.from(await csvRes.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    assert.deepEqual(rows[0], ['agency', 'category', 'title', 'as_of', 'key', 'label', 'value']);
    const fields = json.records.flatMap(
      (r: { agencyName: string; title: string; fields: { key: string }[] }) =>
        r.fields.map((f) => `${r.agencyName}|${r.title}|${f.key}`),
    );
    assert.deepEqual(
      rows.slice(1).map((r) => `${r[0]}|${r[2]}|${r[4]}`),
      fields,
    );
    assert.equal(
      await count("select count(*)::int as n from portal.audit_event where type = 'mydata.downloaded'"),
      2,
    );
  });

  it('marks an agency that cannot be reached as unavailable and still shows the others', async () => {
    const jps = await readJson(await fetch(`${net.agency.url}/api/intermediate/jps/credential`));
    // Port 9 (discard) refuses connections: the provider is down.
    await enrollAgency(net.hub.url, 'jps', jps.publicKey, 'http://127.0.0.1:9/api/intermediate/jps');
    try {
      const page = await (await browser.fetch('/mydata')).text();
      const s = statuses(page);
      assert.equal(s.jps, 'unavailable');
      assert.equal(s['131016'], 'ok');
      assert.match(page, /data-testid="unavailable-notice"/);
      assert.match(page, /日本年金機構/);
    } finally {
      await enrollFromAgency(net.hub.url, net.agency.url, 'jps');
    }
  });

  it('lists やりとり履歴 newest first with the reads just made, and verifies an entry', async () => {
    const res = await browser.fetch('/history');
    assert.equal(res.status, 200);
    const page = await res.text();
    const ids = attrs(page, 'data-entry-id') as string[];
    assert.ok(ids.length >= 2, page);
    assert.match(page, /マイナポータルによる本人への情報提供/);
    assert.match(page, /デジタル庁（マイナポータル）/);
    const filtered = await (
      await browser.fetch('/history?agency=jps&task=honnin-kaiji&from=2020-01-01&to=')
    ).text();
    const jps = attrs(filtered, 'data-entry-id');
    assert.ok(jps.length >= 1 && jps.length < ids.length);
    assert.ok(jps.every((id) => ids.includes(id)));

    const entryId = ids[0] as string;
    await sequenced(entryId);
    const verify = await browser.form('/history/verify', { _csrf: csrfOf(page), entryId });
    const result = await verify.text();
    assert.equal(verify.status, 200, result);
    assert.match(result, /data-verified="true"/);
    assert.match(result, /検証済み（改ざんされていません）/);
    assert.equal(
      await count(
        "select count(*)::int as n from portal.audit_event where type = 'history.verified' and outcome = 'success'",
      ),
      1,
    );
    // The list's script asks for JSON (progressive enhancement) and gets the same verdict.
    const asJson = await browser.fetch('/history/verify', {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfOf(page), entryId }).toString(),
    });
    const verdict = await readJson(asJson);
    assert.equal(asJson.status, 200);
    assert.equal(verdict.verified, true);
    assert.match(verdict.message, /^検証済み（改ざんされていません）/);
    assert.ok(
      (await count("select count(*)::int as n from portal.audit_event where type = 'history.viewed'")) >= 2,
    );
  });

  it('refuses 検証 without the CSRF token', async () => {
    const page = await (await browser.fetch('/history')).text();
    const entryId = attrs(page, 'data-entry-id')[0] as string;
    const res = await browser.form('/history/verify', { _csrf: 'x'.repeat(43), entryId });
    assert.equal(res.status, 403);
  });

  it('downloads a bundle that verifies offline with the log key', async () => {
    const res = await browser.fetch('/history/bundle.json');
    assert.equal(res.status, 200);
    const bundle = await readJson(res);
    const vkey = (await (await fetch(`${net.hub.url}/log/key`)).text()).trim();
    const verdict = verifyBundle(bundle, vkey);
    assert.equal(verdict.ok, true, JSON.stringify(verdict));
    assert.ok(verdict.entries.length >= 1);
    assert.equal(
      await count(
        "select count(*)::int as n from portal.audit_event where type = 'history.bundle_downloaded'",
      ),
      1,
    );
  });

  it('fails 検証 when the pinned log key is not the key that signed the checkpoint', async () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const real = (await (await fetch(`${net.hub.url}/log/key`)).text()).trim();
    const origin = real.split('+')[0] as string;
    const pinned = await net.startPortal({ HUB_LOG_VKEY: formatVkey(origin, publicKey) });
    const b = await loggedIn(pinned.url, hanako);
    const page = await (await b.fetch('/history')).text();
    const entryId = attrs(page, 'data-entry-id').at(-1) as string;
    await sequenced(entryId);
    const res = await b.form('/history/verify', { _csrf: csrfOf(page), entryId });
    const body = await res.text();
    assert.equal(res.status, 502);
    assert.match(body, /data-verified="false" data-problem="checkpoint_signature"/);
    assert.match(body, /記録の検証に失敗しました/);
    assert.equal(
      await count(
        "select count(*)::int as n from portal.audit_event where type = 'history.verified' and outcome = 'failure'",
      ),
      1,
    );
  });

  it('never shows one person another person’s entries', async () => {
    const mine = attrs(await (await browser.fetch('/history')).text(), 'data-entry-id');
    const other = await loggedIn(net.portal.url, jiro);
    const page = await (await other.fetch('/history')).text();
    const theirs = attrs(page, 'data-entry-id');
    assert.equal(theirs.filter((id) => mine.includes(id)).length, 0);
    const res = await other.form('/history/verify', { _csrf: csrfOf(page), entryId: mine[0] as string });
    assert.equal(res.status, 404);
    assert.doesNotMatch(await res.text(), /data-verified/);
  });

  it('keeps the login working when the hub is down, and asks to log in again', async () => {
    const sabu = await net.createResident({
      givenName: '三郎',
      givenKana: 'サブロウ',
      birthDate: '1975-07-07',
    });
    const offline = await net.startPortal({ HUB_URL: 'http://127.0.0.1:9' });
    const b = await loggedIn(offline.url, sabu);
    const res = await b.fetch('/mydata');
    assert.equal(res.status, 409);
    assert.match(await res.text(), /いったんログアウトし、再度ログインしてください/);
    assert.equal((await b.fetch('/history')).status, 409);
    const again = await loggedIn(net.portal.url, sabu);
    assert.equal((await again.fetch('/mydata')).status, 200);
  });

  it('sends people who are not logged in to the login page', async () => {
    for (const path of ['/mydata', '/history', '/mydata/download.csv', '/history/bundle.json']) {
      const res = await new Browser(net.portal.url).fetch(path);
      assert.equal(res.status, 303, path);
      assert.equal(res.headers.get('location'), '/login');
    }
  });

  it('renders both pages in English too', async () => {
    const mydata = await (await browser.fetch('/mydata?lang=en')).text();
    assert.match(mydata, /<html lang="en">/);
    assert.match(mydata, /<h1>My information<\/h1>/);
    assert.match(mydata, /Japan Pension Service：<span class="status status--ready">Received<\/span>/);
    const history = await (await browser.fetch('/history?lang=en')).text();
    assert.match(history, /<h1>Exchange history<\/h1>/);
    assert.match(history, /Showing you your own information \(My Number Portal\)/);
  });

  it('links わたしの情報 and やりとり履歴 from マイページ', async () => {
    const page = await (await browser.fetch('/mypage')).text();
    assert.match(page, /<a href="\/mydata">わたしの情報<\/a>/);
    assert.match(page, /<a href="\/history">やりとり履歴<\/a>/);
  });
});
