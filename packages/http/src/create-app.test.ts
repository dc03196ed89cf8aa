import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '@madoguchi/errors';
import { createHttpApp, type HttpAppOptions } from './create-app.ts';
import { Type } from './index.ts';

async function demoApp(overrides: Partial<HttpAppOptions> = {}) {
  const lines: string[] = [];
  const app = await createHttpApp({
    name: 'demo',
    title: 'demo',
    description: 'demo',
    mode: 'test',
    logLevel: 'info',
    rateLimitMax: 1000,
    bodyLimit: 1024,
    ready: async () => true,
    logStream: { write: (l) => lines.push(l) },
    renderErrorPage: ({ status, code }) => `<!doctype html><title>${status}</title><h1>${code}</h1>`,
    ...overrides,
  });
  app.post(
    '/api/things',
    {
      schema: {
        summary: 'Create a thing',
        body: Type.Object(
          { name: Type.String({ minLength: 1 }), age: Type.Integer({ minimum: 0 }) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ name: Type.String() }) },
      },
    },
    async (req, reply) => {
      req.log.info(
        { myNumber: '123456789018', person: { address: '東京都千代田区霞が関1-1' } },
        'saw a person',
      );
      // The extra field is not in the response schema, so serialization must drop it.
      return reply.code(201).send({ name: req.body.name, secret: 'internal-flag' } as { name: string });
    },
  );
  app.get('/api/boom', { schema: { summary: 'Fails' } }, async () => {
    throw new Error('relation "resident" does not exist at /srv/app.ts:12');
  });
  app.get('/api/db-down', { schema: { summary: 'Database gone' } }, async () => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' });
  });
  app.get('/api/typed', { schema: { summary: 'Typed failure' } }, async () => {
    throw new AppError('auth.required');
  });
  await app.ready();
  return { app, lines };
}

describe('createHttpApp', () => {
  it('serves health, readiness, OpenAPI and metrics', async () => {
    const { app } = await demoApp();
    assert.equal((await app.inject('/healthz')).json().status, 'ok');
    assert.equal((await app.inject('/readyz')).json().status, 'ready');
    const spec = (await app.inject('/openapi.json')).json();
    assert.equal(spec.openapi, '3.1.0');
    assert.ok(spec.paths['/api/things'].post.summary);
    assert.equal(spec.paths['/metrics'], undefined);
    await app.inject('/healthz');
    const metrics = (await app.inject('/metrics')).body;
    assert.match(
      metrics,
      /http_request_duration_seconds_count\{app="demo",method="GET",route="\/healthz",status_code="200"\} [1-9]/,
    );
  });

  it('answers 503 from /readyz when the database does not answer', async () => {
    const { app } = await demoApp({ ready: async () => false });
    const res = await app.inject('/readyz');
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().error.code, 'service.unavailable');
  });

  it('sets a request id and strict security headers; HSTS only in production', async () => {
    const { app } = await demoApp();
    const res = await app.inject('/healthz');
    assert.match(String(res.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(csp, /form-action 'self';/);
    assert.equal(res.headers['strict-transport-security'], undefined);
    const kept = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'upstream-req-12345' } });
    assert.equal(kept.headers['x-request-id'], 'upstream-req-12345');
    const odd = await app.inject({ url: '/healthz', headers: { 'x-request-id': '<script>' } });
    assert.notEqual(odd.headers['x-request-id'], '<script>');
    const { app: prod } = await demoApp({ mode: 'production' });
    assert.match(
      String((await prod.inject('/healthz')).headers['strict-transport-security']),
      /max-age=63072000/,
    );
  });

  it('rejects invalid bodies with per-field errors in the requested language', async () => {
    const { app } = await demoApp();
    const res = await app.inject({
      method: 'POST',
      url: '/api/things?lang=en',
      payload: { age: -1, extra: true },
    });
    assert.equal(res.statusCode, 400);
    const body = res.json();
    assert.equal(body.error.code, 'request.invalid');
    const paths = body.error.fields.map((f: { path: string }) => f.path).sort();
    assert.deepEqual(paths, ['/body/age', '/body/extra', '/body/name']);
    assert.ok(body.error.fields.every((f: { message: string }) => /^[\x20-\x7e]+$/.test(f.message)));
    const ja = await app.inject({ method: 'POST', url: '/api/things', payload: { age: 1 } });
    assert.equal(ja.json().error.fields[0].message, '必須項目です。');
  });

  it('drops undeclared response fields and redacts personal data from logs', async () => {
    const { app, lines } = await demoApp();
    const res = await app.inject({ method: 'POST', url: '/api/things', payload: { name: 'x', age: 3 } });
    assert.equal(res.statusCode, 201);
    assert.deepEqual(res.json(), { name: 'x' });
    const log = lines.join('');
    assert.match(log, /saw a person/);
    assert.ok(!log.includes('123456789018'));
    assert.ok(!log.includes('霞が関'));
  });

  it('maps malformed, too large, unknown routes and failures to typed errors without internals', async () => {
    const { app } = await demoApp();
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/things',
      payload: '{bad',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json().error.code, 'request.malformed');
    const large = await app.inject({
      method: 'POST',
      url: '/api/things',
      payload: { name: 'x'.repeat(5000), age: 1 },
    });
    assert.equal(large.statusCode, 413);
    assert.equal(large.json().error.code, 'request.too_large');
    const missing = await app.inject('/api/missing');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'route.not_found');
    const page = await app.inject({ url: '/missing', headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 404);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.match(page.body, /route\.not_found/);
    const boom = await app.inject('/api/boom');
    assert.equal(boom.statusCode, 500);
    assert.equal(boom.json().error.code, 'internal.error');
    assert.ok(!boom.body.includes('resident') && !boom.body.includes('app.ts'));
    const down = await app.inject('/api/db-down');
    assert.equal(down.statusCode, 503);
    assert.equal(down.json().error.code, 'service.unavailable');
    assert.ok(!down.body.includes('ECONNREFUSED'));
    const typed = await app.inject('/api/typed');
    assert.equal(typed.statusCode, 401);
  });

  it('rate-limits per client with a typed 429', async () => {
    const { app } = await demoApp({ rateLimitMax: 2 });
    await app.inject('/api/typed');
    await app.inject('/api/typed');
    const limited = await app.inject('/api/typed');
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().error.code, 'request.rate_limited');
    assert.equal((await app.inject('/healthz')).statusCode, 200, 'health checks are never rate-limited');
  });
});
