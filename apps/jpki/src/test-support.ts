/** Shared by the jpki test files: a running jpki with its CA hierarchy, staff calls, card keys. */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createCsr, generateRsaKeyPair } from '@madoguchi/pki';
import {
  createTestDatabase,
  type RunningTestService,
  readJson,
  startTestService,
  type TestDatabase,
  type TestEngine,
} from '@madoguchi/testing';
import type pg from 'pg';
import { buildJpkiApp } from './app.ts';
import { type JpkiConfig, loadJpkiConfig } from './config.ts';
import { ensureCaHierarchy } from './services/create-ca-hierarchy.ts';

export const passphrase = 'p'.repeat(40);
export const staffToken = 's'.repeat(40);
export const portalApiKey = 'r'.repeat(40);
export const verifierApiKey = 'v'.repeat(40);

export interface TestJpki {
  db: TestDatabase;
  admin: pg.Pool;
  jpki: RunningTestService & { config: JpkiConfig };
  dir: string;
  close(): Promise<void>;
}

/** A jpki on a fresh database, hierarchy created, CA PEMs written to `dir` for openssl. */
export async function startJpki(engine: TestEngine, options: { createCa?: boolean } = {}): Promise<TestJpki> {
  const db = await createTestDatabase(engine);
  const admin = db.adminPool(1);
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-jpki-'));
  const jpki = await startTestService({
    db,
    app: 'jpki',
    loadConfig: loadJpkiConfig,
    build: buildJpkiApp,
    dataDir: dir,
    env: {
      JPKI_KEY_PASSPHRASE: passphrase,
      JPKI_STAFF_TOKEN: staffToken,
      JPKI_PORTAL_API_KEY: portalApiKey,
      JPKI_VERIFIER_API_KEY: verifierApiKey,
      JPKI_PAIRWISE_SECRET: 'w'.repeat(40),
    },
  });
  if (options.createCa !== false) {
    await ensureCaHierarchy(jpki.database.db, passphrase);
    for (const name of ['root', 'sign', 'auth']) {
      const res = await fetch(`${jpki.url}/ca/${name}.pem`);
      writeFileSync(join(dir, `${name}.pem`), await res.text());
    }
  }
  return {
    db,
    admin,
    jpki,
    dir,
    async close() {
      await jpki.close();
      await admin.end();
      await db.drop();
    },
  };
}

export function staffHeaders(staffId = 'sato'): Record<string, string> {
  return { authorization: `Bearer ${staffToken}`, 'x-staff-id': staffId, 'content-type': 'application/json' };
}

export async function post(
  t: TestJpki,
  path: string,
  body: unknown,
  headers: Record<string, string> = staffHeaders(),
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field.
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${t.jpki.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, body: await readJson(res) };
}

export interface CardKeys {
  signCsr: string;
  authCsr: string;
  sign: Awaited<ReturnType<typeof generateRsaKeyPair>>;
  auth: Awaited<ReturnType<typeof generateRsaKeyPair>>;
}

/** RSA key generation is the slow part of these tests; each file makes a few pairs and reuses them. */
export async function cardKeys(): Promise<CardKeys> {
  const sign = await generateRsaKeyPair();
  const auth = await generateRsaKeyPair();
  return { sign, auth, signCsr: await createCsr(sign), authCsr: await createCsr(auth) };
}

export const taroFacts = {
  familyName: '山田',
  givenName: '太郎',
  address: '東京都千代田区霞が関二丁目1番2号',
  birthDate: '1985-04-01',
  sex: 1,
} as const;

export function residentRef(n: number): string {
  return `agency:131016:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export function writeTemp(t: TestJpki, name: string, content: string | Buffer): string {
  const file = join(t.dir, name);
  writeFileSync(file, content);
  return file;
}

export function openssl(args: string[]): string {
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** For openssl commands that talk HTTP to the in-process server: a sync call would block its event loop. */
export async function opensslAsync(args: string[]): Promise<string> {
  const { stdout, stderr } = await promisify(execFile)('openssl', args, {
    encoding: 'utf8',
    timeout: 20_000,
  });
  return `${stdout}${stderr}`;
}

export async function countRows(t: TestJpki): Promise<Record<string, number>> {
  const { rows } = await t.admin.query(`select
      (select count(*)::int from jpki.person) as persons,
      (select count(*)::int from jpki.card) as cards,
      (select count(*)::int from jpki.certificate) as certificates,
      (select count(*)::int from jpki.certificate where status = 'revoked') as revoked,
      (select count(*)::int from jpki.audit_event) as audits,
      (select count(*)::int from jpki.crl) as crls`);
  return rows[0];
}
