import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { auditEventTypes } from './catalogue.ts';

describe('audit catalogue', () => {
  it('is documented in docs/audit-events.md, exactly', () => {
    const doc = readFileSync(new URL('../../../docs/audit-events.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| `([a-z_]+\.[a-z_]+)`\s*\|/gm)].map((m) => m[1]).sort();
    assert.deepEqual(documented, Object.keys(auditEventTypes).sort());
  });
});
