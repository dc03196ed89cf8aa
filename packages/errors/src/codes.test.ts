import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError, toErrorBody } from './app-error.ts';
import { errorCatalogue, isErrorCode, messageOf, statusOf } from './codes.ts';
import { appErrorFromDatabase, isDatabaseUnavailable } from './database-errors.ts';

describe('error catalogue', () => {
  it('gives every code a status and a message in both languages', () => {
    for (const [code, entry] of Object.entries(errorCatalogue)) {
      assert.match(code, /^[a-z]+\.[a-z_]+$/, code);
      assert.ok(entry.status >= 400 && entry.status <= 599, code);
      assert.ok(entry.ja.length > 0 && entry.en.length > 0, code);
      assert.notEqual(entry.ja, entry.en, code);
    }
  });

  it('maps codes to status and localized messages', () => {
    assert.equal(statusOf('request.too_large'), 413);
    assert.equal(messageOf('route.not_found', 'en'), 'The page you are looking for was not found.');
    assert.ok(isErrorCode('service.unavailable'));
    assert.ok(!isErrorCode('toString'));
  });

  it('builds a body from the code, never from the cause', () => {
    const err = new AppError('internal.error', {
      cause: new Error('select * from resident where my_number = 123456789018'),
    });
    const body = toErrorBody(err, 'en', 'req-1');
    assert.deepEqual(body, {
      error: { code: 'internal.error', message: errorCatalogue['internal.error'].en, requestId: 'req-1' },
    });
    assert.ok(!JSON.stringify(body).includes('123456789018'));
  });

  it('recognises an unreachable database', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    assert.ok(isDatabaseUnavailable(refused));
    assert.ok(isDatabaseUnavailable(shutdown));
    assert.ok(!isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' })));
    assert.equal(appErrorFromDatabase(refused)?.code, 'service.unavailable');
    assert.equal(appErrorFromDatabase(new Error('other')), undefined);
  });
});
