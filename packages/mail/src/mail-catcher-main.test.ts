import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { after, describe, it } from 'node:test';
import { readJson } from '@madoguchi/testing';
import { createMailer } from './mailer.ts';

const root = new URL('../../../', import.meta.url).pathname;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** What `madoguchi start` relies on: main.ts takes its ports from the environment, answers /healthz, stops on SIGTERM. */
describe('examples/mail-catcher/src/main.ts as a process', { timeout: 30_000 }, () => {
  let child: ChildProcess | undefined;
  after(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('starts on the ports from the environment, receives mail, and exits 0 on SIGTERM', async () => {
    const webPort = await freePort();
    const smtpPort = await freePort();
    child = spawn(`${root}node_modules/.bin/node`, ['examples/mail-catcher/src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        MAIL_CATCHER_PORT: String(webPort),
        MAIL_CATCHER_SMTP_PORT: String(smtpPort),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
    });
    child.stderr?.on('data', (d) => {
      out += d;
    });
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));

    const url = `http://127.0.0.1:${webPort}`;
    const deadline = Date.now() + 20_000;
    let health: Response | undefined;
    while (!health && Date.now() < deadline) {
      assert.equal(child.exitCode, null, out);
      health = await fetch(`${url}/healthz`).catch(() => undefined);
      if (!health) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(health, `no /healthz within 20 s:\n${out}`);
    assert.equal(health.status, 200);
    assert.equal((await readJson(health)).app, 'mail-catcher');
    assert.match(out, new RegExp(`SMTP on 127\\.0\\.0\\.1:${smtpPort}`));

    const mailer = createMailer({ host: '127.0.0.1', port: smtpPort, from: 'x@example.jp' });
    await mailer.send({ to: 'child@example.jp', subject: 'to the child', text: '.' });
    mailer.close();
    const list = await readJson(await fetch(`${url}/api/messages?to=child@example.jp`));
    assert.deepEqual(
      list.map((m: { subject: string }) => m.subject),
      ['to the child'],
    );

    child.kill('SIGTERM');
    assert.equal(await exited, 0, out);
  });
});
