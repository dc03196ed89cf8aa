import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { serviceFields } from './fields.ts';
import { ConfigError, loadConfig, requireDatabaseUrl } from './load-config.ts';

const spec = {
  ...serviceFields('DEMO', 3999),
  apiKey: { kind: 'secret', env: 'DEMO_API_KEY', minLength: 32, doc: 'key' },
  colour: { kind: 'enum', env: 'DEMO_COLOUR', values: ['red', 'blue'], default: 'red', doc: 'colour' },
} as const;

const tempDir = () => mkdtempSync(join(tmpdir(), 'madoguchi-config-'));

describe('loadConfig', () => {
  it('applies defaults and types values', () => {
    const c = loadConfig('demo', spec, {
      env: { MADOGUCHI_ENV: 'test', MADOGUCHI_DATA_DIR: tempDir(), DEMO_PORT: '4100' },
      warn: () => {},
    });
    assert.equal(c.port, 4100);
    assert.equal(c.colour, 'red');
    assert.equal(c.mode, 'test');
    assert.equal(c.rateLimitMax, 1200);
    assert.ok(Object.isFrozen(c));
  });

  it('lists every problem at once', () => {
    let problems: string[] = [];
    try {
      loadConfig('demo', spec, {
        env: { MADOGUCHI_ENV: 'production', DEMO_PORT: 'eighty', DEMO_COLOUR: 'green', RATE_LIMIT_MAX: '0' },
      });
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      problems = err.problems;
    }
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('DEMO_PORT')));
    assert.ok(problems.some((p) => p.includes('DEMO_COLOUR')));
    assert.ok(problems.some((p) => p.includes('RATE_LIMIT_MAX')));
    assert.ok(problems.some((p) => p.includes('DEMO_API_KEY is required in production')));
  });

  it('refuses a short secret in production and accepts a real one', () => {
    assert.throws(
      () => loadConfig('demo', spec, { env: { MADOGUCHI_ENV: 'production', DEMO_API_KEY: 'short' } }),
      /at least 32/,
    );
    const c = loadConfig('demo', spec, {
      env: { MADOGUCHI_ENV: 'production', DEMO_API_KEY: 'k'.repeat(40) },
    });
    assert.equal(c.apiKey, 'k'.repeat(40));
  });

  it('generates a development secret once, says so, and keeps it private', () => {
    const dir = tempDir();
    const said: string[] = [];
    const first = loadConfig('demo', spec, { env: { MADOGUCHI_DATA_DIR: dir }, warn: (m) => said.push(m) });
    const second = loadConfig('demo', spec, { env: { MADOGUCHI_DATA_DIR: dir }, warn: (m) => said.push(m) });
    assert.equal(first.apiKey, second.apiKey);
    assert.ok(first.apiKey.length >= 32);
    assert.equal(said.length, 1);
    assert.match(said[0] as string, /generated development secret DEMO_API_KEY/);
    const file = join(dir, 'secrets.json');
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).DEMO_API_KEY, first.apiKey);
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  it('rejects an unknown mode', () => {
    assert.throws(
      () => loadConfig('demo', spec, { env: { MADOGUCHI_ENV: 'staging', DEMO_API_KEY: 'k'.repeat(40) } }),
      /MADOGUCHI_ENV/,
    );
  });

  it('explains how to get a database URL', () => {
    const c = loadConfig('demo', spec, { env: { MADOGUCHI_DATA_DIR: tempDir() }, warn: () => {} });
    assert.throws(() => requireDatabaseUrl(c), /DEMO_DATABASE_URL is not set/);
  });
});
