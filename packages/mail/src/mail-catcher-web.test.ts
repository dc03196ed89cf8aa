import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMailCatcher } from '@madoguchi/mail-catcher';
import { type MailCatcher, readJson, startTestMailCatcher } from '@madoguchi/testing';
import { createTransport } from 'nodemailer';
import { createMailer, type Mailer } from './mailer.ts';

/** The catcher's pages show whatever strangers put in mail, so they must escape everything. */
describe('mail catcher web pages and JSON API', () => {
  let catcher: MailCatcher;
  let mailer: Mailer;

  before(async () => {
    catcher = await startTestMailCatcher();
    mailer = createMailer({ host: '127.0.0.1', port: catcher.smtpPort, from: 'portal@madoguchi.localhost' });
  });
  after(async () => {
    mailer.close();
    await catcher.close();
  });

  it('lists messages newest first and escapes a subject carrying a script', async () => {
    await mailer.send({ to: 'first@example.jp', subject: 'first', text: 'one' });
    await catcher.waitForMessage('first@example.jp');
    await mailer.send({ to: 'evil@example.jp', subject: '<script>alert(1)</script> & "q"', text: 'x' });
    await catcher.waitForMessage('evil@example.jp');
    const res = await fetch(`${catcher.webUrl}/`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const page = await res.text();
    assert.ok(!page.includes('<script>'), 'no raw script tag');
    assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;'));
    assert.ok(page.indexOf('evil@example.jp') < page.indexOf('first@example.jp'), 'newest first');
    assert.match(page, /<time datetime="\d{4}-\d{2}-\d{2}T[^"]+Z">/);
    assert.ok(page.includes('portal@madoguchi.localhost'));
  });

  it('shows one message: escaped headers and body, http(s) URLs as links, nothing else linked', async () => {
    const text = [
      'Confirm: https://madoguchi.localhost/account/email/confirm?token=a1&lang=ja。',
      'Then (https://example.jp/help).',
      'Not a link: javascript:alert(1)',
      '<img src=x onerror=alert(2)>',
    ].join('\n');
    await mailer.send({ to: 'detail@example.jp', subject: '確認 <b>bold</b>', text });
    const message = await catcher.waitForMessage('detail@example.jp');
    const res = await fetch(`${catcher.webUrl}/messages/${message.id}`);
    assert.equal(res.status, 200);
    const page = await res.text();
    assert.ok(page.includes('<h1>確認 &lt;b&gt;bold&lt;/b&gt;</h1>'));
    assert.ok(
      page.includes(
        '<a href="https://madoguchi.localhost/account/email/confirm?token=a1&amp;lang=ja" rel="noreferrer">https://madoguchi.localhost/account/email/confirm?token=a1&amp;lang=ja</a>。',
      ),
    );
    assert.ok(
      page.includes('<a href="https://example.jp/help" rel="noreferrer">https://example.jp/help</a>).'),
    );
    assert.ok(!page.includes('href="javascript'));
    assert.ok(page.includes('&lt;img src=x onerror=alert(2)&gt;'));
    assert.ok(!page.includes('<img'));
    assert.match(page, /<th scope="row">subject<\/th><td>確認 &lt;b&gt;bold&lt;\/b&gt;<\/td>/);
    assert.match(page, /<th scope="row">message-id<\/th>/);
  });

  it('answers 404 for an unknown message, as a page for browsers', async () => {
    const res = await fetch(`${catcher.webUrl}/messages/00000000-0000-4000-8000-000000000000`, {
      headers: { accept: 'text/html' },
    });
    assert.equal(res.status, 404);
    assert.match(await res.text(), /<!doctype html>/);
  });

  it('filters the JSON API by recipient (case-insensitive) and shows the HTML part when there is one', async () => {
    await mailer.send({ to: 'hanako@example.jp', subject: 'for hanako', text: 'h' });
    await mailer.send({ to: 'jiro@example.jp', subject: 'for jiro', text: 'j' });
    const raw = createTransport({ host: '127.0.0.1', port: catcher.smtpPort, secure: false });
    await raw.sendMail({
      from: 'x@example.jp',
      to: 'hanako@example.jp',
      subject: 'html too',
      text: 'plain',
      html: '<p>rich <script>x</script></p>',
    });
    raw.close();
    const res = await fetch(`${catcher.webUrl}/api/messages?to=HANAKO@example.jp`);
    assert.equal(res.status, 200);
    const list = await readJson(res);
    assert.deepEqual(
      list.map((m: { subject: string }) => m.subject),
      ['html too', 'for hanako'],
    );
    for (const m of list) {
      assert.deepEqual(m.to, ['hanako@example.jp']);
      assert.deepEqual(
        Object.keys(m).sort(),
        [
          ...(m.html === undefined ? [] : ['html']),
          'from',
          'id',
          'receivedAt',
          'subject',
          'text',
          'to',
        ].sort(),
      );
    }
    assert.equal(list[0].html, '<p>rich <script>x</script></p>');
    assert.equal(list[1].html, undefined);
    const detail = await (await fetch(`${catcher.webUrl}/messages/${list[0].id}`)).text();
    assert.ok(detail.includes('&lt;p&gt;rich &lt;script&gt;x&lt;/script&gt;&lt;/p&gt;'));

    const all = await readJson(await fetch(`${catcher.webUrl}/api/messages`));
    assert.ok(all.length >= 3);
    assert.equal(all.length, catcher.messages().length);
  });

  it('DELETE /api/messages forgets everything', async () => {
    const before = catcher.messages().length;
    assert.ok(before > 0);
    const res = await fetch(`${catcher.webUrl}/api/messages`, { method: 'DELETE' });
    assert.equal(res.status, 200);
    assert.deepEqual(await readJson(res), { deleted: before });
    assert.deepEqual(await readJson(await fetch(`${catcher.webUrl}/api/messages`)), []);
    assert.equal(catcher.messages().length, 0);
  });

  it('serves health and an OpenAPI document whose every operation has a summary', async () => {
    assert.equal((await fetch(`${catcher.webUrl}/healthz`)).status, 200);
    const spec = await readJson(await fetch(`${catcher.webUrl}/openapi.json`));
    let operations = 0;
    for (const [path, methods] of Object.entries(
      spec.paths as Record<string, Record<string, { summary?: string }>>,
    ))
      for (const [method, op] of Object.entries(methods)) {
        operations++;
        assert.ok(op.summary && op.summary.length > 3, `${method} ${path}`);
      }
    assert.ok(operations >= 6);
  });
});

describe('mail catcher capacity', () => {
  it('keeps only the newest messages', async () => {
    const small = await startMailCatcher({
      host: '127.0.0.1',
      smtpPort: 0,
      webPort: 0,
      capacity: 3,
      mode: 'test',
      logLevel: 'silent',
    });
    const m = createMailer({ host: '127.0.0.1', port: small.smtpPort, from: 'x@example.jp' });
    try {
      for (let i = 1; i <= 5; i++) await m.send({ to: `n${i}@example.jp`, subject: `#${i}`, text: '.' });
      assert.deepEqual(
        small.messages().map((x) => x.subject),
        ['#5', '#4', '#3'],
      );
    } finally {
      m.close();
      await small.close();
    }
  });
});
