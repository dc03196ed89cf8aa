import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { securityHeaders } from './security-headers.ts';

describe('securityHeaders', () => {
  it('allows only self as form target unless an origin is named (OAuth authorize redirect)', () => {
    const strict = securityHeaders({ production: false })['content-security-policy'];
    assert.match(String(strict), /form-action 'self';/);
    const linked = securityHeaders({ production: true, formAction: ['https://e-delivery.example.jp'] });
    assert.match(
      String(linked['content-security-policy']),
      /form-action 'self' https:\/\/e-delivery\.example\.jp;/,
    );
    assert.equal(linked['strict-transport-security'], 'max-age=63072000; includeSubDomains');
  });
});
