import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const root = new URL('../', import.meta.url).pathname;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The README's promise: `npm start` brings up all four services with demo data; Ctrl-C stops them. */
describe('madoguchi start', { timeout: 120_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-start-'));
  let child: ChildProcess | undefined;
  after(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts every service with demo data, then stops cleanly on SIGTERM', async () => {
    const ports = {
      PORTAL_PORT: await freePort(),
      HUB_PORT: await freePort(),
      AGENCY_PORT: await freePort(),
      JPKI_PORT: await freePort(),
      MAIL_CATCHER_PORT: await freePort(),
      CARD_AGENT_PORT: await freePort(),
    };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      MADOGUCHI_DATA_DIR: dataDir,
      MADOGUCHI_EMBEDDED_PG_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      MAIL_CATCHER_SMTP_PORT: String(await freePort()),
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    };
    delete env.DATABASE_URL;
    child = spawn(process.execPath, ['bin/madoguchi.mjs', 'start', '--residents', '120'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
    });
    child.stderr?.on('data', (d) => {
      out += d;
    });
    const started = Date.now();
    while (!out.includes('madoguchi is running') && Date.now() - started < 90_000) {
      assert.equal(child.exitCode, null, out);
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.match(out, /madoguchi is running/, out);
    assert.match(out, /generated development secret/);
    for (const port of Object.values(ports)) {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      assert.equal(res.status, 200, `port ${port}`);
    }
    const top = await fetch(`http://127.0.0.1:${ports.PORTAL_PORT}/`);
    assert.match(await top.text(), /マイナポータル/);
    const agencies = await (
      await fetch(`http://127.0.0.1:${ports.HUB_PORT}/api/agencies?kind=municipality&limit=1`)
    ).json();
    assert.equal((agencies as { total: number }).total, 1747);
    const rootCa = await fetch(`http://127.0.0.1:${ports.JPKI_PORT}/ca/root.pem`);
    assert.match(await rootCa.text(), /BEGIN CERTIFICATE/);

    await logInWithDemoCard(
      out,
      `http://127.0.0.1:${ports.PORTAL_PORT}`,
      `http://127.0.0.1:${ports.CARD_AGENT_PORT}`,
    );

    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0, out);
    for (const port of Object.values(ports)) {
      await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`), `port ${port} is closed`);
    }
  });

  it('doctor reports the configuration and free ports', () => {
    const r = spawnSync(process.execPath, ['bin/madoguchi.mjs', 'doctor'], {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        MADOGUCHI_DATA_DIR: dataDir,
        PORTAL_PORT: '0',
        HUB_PORT: '0',
        AGENCY_PORT: '0',
        JPKI_PORT: '0',
        MADOGUCHI_EMBEDDED_PG_PORT: '5499',
      },
    });
    assert.match(r.stdout, /ok {3}node/);
    assert.match(r.stdout, /ok {3}config/);
    assert.match(r.stdout, /port portal/);
    assert.equal(r.status, 0, r.stdout);
  });
});

/**
 * What a newcomer does in the browser, over plain HTTP: the login page's challenge goes to the demo
 * card reader agent, the PIN printed at start goes into the agent's own form, and the signed
 * challenge comes back to the portal.
 */
async function logInWithDemoCard(startOutput: string, portal: string, agent: string): Promise<void> {
  const pin = /利用者証明用 (\d{4})/.exec(startOutput)?.[1];
  assert.ok(pin, `the demo card PINs are printed at start:\n${startOutput}`);
  const loginPage = await fetch(`${portal}/login`);
  const cookie = (loginPage.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const html = await loginPage.text();
  const attr = (name: string) => new RegExp(`data-${name}="([^"]*)"`).exec(html)?.[1] as string;
  assert.equal(attr('agent-url'), agent);
  const created = await fetch(`${agent}/v1/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: portal },
    body: JSON.stringify({ kind: 'login', challenge: attr('challenge') }),
  });
  assert.equal(created.status, 201);
  const { id, approveUrl } = (await created.json()) as { id: string; approveUrl: string };
  const agentPage = await (await fetch(approveUrl)).text();
  const formToken = /name="formToken" value="([^"]+)"/.exec(agentPage)?.[1] as string;
  const approved = await fetch(approveUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: agent },
    body: new URLSearchParams({ formToken, card: '0', pin, action: 'approve' }).toString(),
  });
  assert.match(await approved.text(), /完了しました/);
  const done = (await (
    await fetch(`${agent}/v1/requests/${id}`, { headers: { origin: portal } })
  ).json()) as {
    status: string;
    result: { certificate: string; signature: string };
  };
  assert.equal(done.status, 'done');
  const verified = await fetch(`${portal}/login/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: portal, 'x-csrf-token': attr('csrf') },
    body: JSON.stringify({ challengeId: attr('challenge-id'), ...done.result }),
  });
  assert.equal(verified.status, 200, await verified.clone().text());
  const session = (verified.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const mypage = await fetch(`${portal}/mypage`, { headers: { cookie: session } });
  assert.equal(mypage.status, 200);
  assert.match(await mypage.text(), /マイページ/);
}
