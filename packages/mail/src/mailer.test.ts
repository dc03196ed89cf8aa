import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '@madoguchi/config';
import { AppError } from '@madoguchi/errors';
import { type MailCatcher, startTestMailCatcher } from '@madoguchi/testing';
import { mailerOptionsFrom, mailFields } from './mail-fields.ts';
import { createMailer, type Mailer } from './mailer.ts';

/** Talks SMTP by hand, to send what a well-behaved client library never would. */
async function smtpConversation(port: number, commands: string[]): Promise<string[]> {
  const socket = connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  let buffer = '';
  const replies: string[] = [];
  let wake: (() => void) | undefined;
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    // A reply ends with a line whose code is followed by a space (multi-line replies use "250-").
    let m = /^(\d{3}) .*\r\n/m.exec(buffer);
    while (m) {
      replies.push(buffer.slice(0, m.index + m[0].length));
      buffer = buffer.slice(m.index + m[0].length);
      m = /^(\d{3}) .*\r\n/m.exec(buffer);
    }
    wake?.();
  });
  const nextReply = async (n: number) => {
    while (replies.length < n) await new Promise<void>((r) => (wake = r));
  };
  await nextReply(1);
  for (const [i, command] of commands.entries()) {
    socket.write(`${command}\r\n`);
    await nextReply(i + 2);
  }
  socket.end();
  return replies.map((r) => (r.trimEnd().split('\r\n').at(-1) as string).slice(0, 3));
}

describe('mailer → mail catcher over real SMTP', () => {
  let catcher: MailCatcher;
  let mailer: Mailer;

  before(async () => {
    catcher = await startTestMailCatcher();
    mailer = createMailer({
      host: '127.0.0.1',
      port: catcher.smtpPort,
      from: 'madoguchi <no-reply@madoguchi.localhost>',
    });
  });
  after(async () => {
    mailer.close();
    await catcher.close();
  });

  it('delivers a message the catcher parses: subject, body, sender, recipient', async () => {
    const sent = await mailer.send({ to: 'taro@example.jp', subject: 'Welcome', text: 'Hello, Taro.' });
    assert.match(sent.messageId, /^<.+@.+>$/);
    const got = await catcher.waitForMessage('taro@example.jp');
    assert.equal(got.subject, 'Welcome');
    assert.equal(got.text.trimEnd(), 'Hello, Taro.');
    assert.equal(got.from, '"madoguchi" <no-reply@madoguchi.localhost>');
    assert.deepEqual(got.to, ['taro@example.jp']);
    assert.ok(Date.now() - Date.parse(got.receivedAt) < 10_000);
    assert.equal(got.headers.find((h) => h.name === 'message-id')?.value, sent.messageId);
  });

  it('keeps Japanese subjects and bodies intact (UTF-8 through MIME encoding)', async () => {
    const subject = '【マイナポータル】メールアドレスの確認をお願いします';
    const text =
      '山田 太郎 様\n\n以下のリンクを開いて確認してください。\nhttps://madoguchi.localhost/account/email/confirm?token=abc\n\n𠮷野家の「𠮷」も文字化けしません。';
    await mailer.send({ to: 'yamada@example.jp', subject, text });
    const got = await catcher.waitForMessage('yamada@example.jp');
    assert.equal(got.subject, subject);
    assert.equal(got.text.trimEnd(), text);
  });

  it('waitForMessage resolves for a message that arrives after it started waiting', async () => {
    const waiting = catcher.waitForMessage('Later@Example.JP', 5000);
    await mailer.send({ to: 'later@example.jp', subject: 'after the wait began', text: '.' });
    const got = await waiting;
    assert.equal(got.subject, 'after the wait began');
  });

  it('waitForMessage times out with an error that names the address and the wait', async () => {
    const started = Date.now();
    await assert.rejects(catcher.waitForMessage('nobody@example.jp', 200), (err: Error) => {
      assert.match(err.message, /no message to nobody@example\.jp within 200 ms/);
      assert.match(err.message, /taro@example\.jp/, 'lists who did get mail, to spot a typo');
      return true;
    });
    assert.ok(Date.now() - started >= 190);
  });

  it('refuses a message over 1 MiB at the end of DATA (552) and keeps nothing', async () => {
    await assert.rejects(
      mailer.send({ to: 'big@example.jp', subject: 'too big', text: 'あ'.repeat(600_000) }),
      (err: unknown) => {
        assert.ok(err instanceof AppError);
        assert.equal(err.code, 'upstream.unavailable');
        assert.equal((err.cause as { responseCode?: number }).responseCode, 552);
        return true;
      },
    );
    assert.equal(catcher.messages().filter((m) => m.to.includes('big@example.jp')).length, 0);
  });

  it('refuses a message announced as too big already at MAIL FROM (SIZE=, RFC 1870)', async () => {
    const codes = await smtpConversation(catcher.smtpPort, [
      'EHLO test.localhost',
      'MAIL FROM:<a@example.jp> SIZE=2000000',
      'MAIL FROM:<a@example.jp> SIZE=1000',
      'QUIT',
    ]);
    assert.deepEqual(codes, ['220', '250', '552', '250', '221']);
  });

  it('refuses header injection in the subject and the recipient before connecting', async () => {
    const before = catcher.messages().length;
    const cases: [{ to: string; subject: string }, string, string][] = [
      [{ to: 'a@example.jp', subject: 'Hi\r\nBcc: victim@example.jp' }, '/subject', 'header_injection'],
      [{ to: 'a@example.jp', subject: 'Hi\nX-Injected: 1' }, '/subject', 'header_injection'],
      [{ to: 'a@example.jp', subject: 'Hi\u2028there' }, '/subject', 'header_injection'],
      [{ to: 'a@example.jp\r\nBcc: victim@example.jp', subject: 'Hi' }, '/to', 'header_injection'],
      [{ to: 'a@example.jp, victim@example.jp', subject: 'Hi' }, '/to', 'address'],
      [{ to: 'Someone <victim@example.jp>', subject: 'Hi' }, '/to', 'address'],
      [{ to: 'not-an-address', subject: 'Hi' }, '/to', 'address'],
    ];
    for (const [mail, path, code] of cases) {
      await assert.rejects(mailer.send({ ...mail, text: 'body' }), (err: unknown) => {
        assert.ok(err instanceof AppError, JSON.stringify(mail));
        assert.equal(err.code, 'request.invalid');
        assert.equal(err.fields[0]?.path, path, JSON.stringify(mail));
        assert.equal(err.fields[0]?.code, code, JSON.stringify(mail));
        return true;
      });
    }
    assert.throws(
      () => createMailer({ host: '127.0.0.1', port: catcher.smtpPort, from: 'x <x@example.jp>\r\nBcc: y@x' }),
      (err: unknown) => err instanceof AppError && err.fields[0]?.path === '/from',
    );
    assert.equal(catcher.messages().length, before, 'nothing was sent');
  });

  it('a failing SMTP server surfaces as upstream.unavailable', async () => {
    const closed = await startTestMailCatcher();
    const port = closed.smtpPort;
    await closed.close();
    const m = createMailer({ host: '127.0.0.1', port, from: 'x@example.jp' });
    await assert.rejects(m.send({ to: 'a@example.jp', subject: 's', text: 't' }), (err: unknown) => {
      assert.ok(err instanceof AppError);
      assert.equal(err.code, 'upstream.unavailable');
      return true;
    });
    m.close();
  });
});

describe('mailFields', () => {
  it('default to the local mail catcher and take SMTP_HOST, SMTP_PORT and MAIL_FROM', () => {
    const spec = { ...mailFields };
    const defaults = loadConfig('t', spec, { env: { MADOGUCHI_ENV: 'test' }, warn: () => {} });
    assert.deepEqual(mailerOptionsFrom(defaults), {
      host: '127.0.0.1',
      port: 2525,
      from: 'madoguchi <no-reply@madoguchi.localhost>',
    });
    const set = loadConfig('t', spec, {
      env: {
        MADOGUCHI_ENV: 'test',
        SMTP_HOST: 'smtp.example.jp',
        SMTP_PORT: '587',
        MAIL_FROM: 'x@example.jp',
      },
      warn: () => {},
    });
    assert.deepEqual(mailerOptionsFrom(set), { host: 'smtp.example.jp', port: 587, from: 'x@example.jp' });
    assert.throws(
      () => loadConfig('t', spec, { env: { SMTP_PORT: 'smtp' }, warn: () => {} }),
      /SMTP_PORT must be an integer/,
    );
  });
});
