import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  APPLICATION_DOCUMENT_TYPE,
  type ApplicationInput,
  attachmentRef,
  canonicalApplication,
  parseCanonicalApplication,
} from './canonical-application.ts';
import { EApplicationError } from './errors.ts';
import { verifyStoredAttachments } from './verify-attachments.ts';

const pdf = new TextEncoder().encode('%PDF-1.7\n...\n%%EOF\n');
const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);

function input(overrides: Partial<ApplicationInput> = {}): ApplicationInput {
  return {
    serviceId: 'jidou-teate-genjo-todoke',
    municipality: '131016',
    formVersion: '2026-04',
    applicant: { subject: 'link:7f3a' },
    answers: { 氏名: '山田 太郎', children: 2, consent: true },
    attachments: [
      attachmentRef('kouza.pdf', 'application/pdf', pdf),
      attachmentRef('menkyo.jpg', 'image/jpeg', photo),
    ],
    submissionId: '0C5B2A3E-8F1D-4C2B-9A7E-1D2C3B4A5F60',
    createdAt: '2026-11-23T01:15:00Z',
    ...overrides,
  };
}

function failsWith(fn: () => unknown, code: string): void {
  assert.throws(fn, (e: unknown) => e instanceof EApplicationError && e.code === code);
}

describe('canonicalApplication', () => {
  it('signs exactly the JCS form, with attachments by hash', () => {
    const result = canonicalApplication(input());
    const text = new TextDecoder().decode(result.bytes);
    // Written out by hand from the rules: sorted keys, no whitespace, UTC millisecond timestamp.
    const pdfHash = createHash('sha256').update(pdf).digest('hex');
    const photoHash = createHash('sha256').update(photo).digest('hex');
    assert.equal(
      text,
      '{"answers":{"children":2,"consent":true,"氏名":"山田 太郎"},"applicant":{"subject":"link:7f3a"},' +
        `"attachments":[{"mediaType":"application/pdf","name":"kouza.pdf","sha256":"${pdfHash}","size":${pdf.length}},` +
        `{"mediaType":"image/jpeg","name":"menkyo.jpg","sha256":"${photoHash}","size":4}],` +
        '"createdAt":"2026-11-23T01:15:00.000Z","formVersion":"2026-04","municipality":"131016",' +
        `"serviceId":"jidou-teate-genjo-todoke","submissionId":"0c5b2a3e-8f1d-4c2b-9a7e-1d2c3b4a5f60","type":"${APPLICATION_DOCUMENT_TYPE}"}`,
    );
    assert.equal(result.sha256, createHash('sha256').update(result.bytes).digest('hex'));
  });

  it('is independent of property order and Date vs string time', () => {
    const a = canonicalApplication(input());
    const b = canonicalApplication(
      input({
        answers: { consent: true, 氏名: '山田 太郎', children: 2 },
        createdAt: new Date('2026-11-23T10:15:00+09:00'),
      }),
    );
    assert.equal(a.sha256, b.sha256);
  });

  it('changes hash when any attachment byte changes', () => {
    const other = canonicalApplication(
      input({
        attachments: [attachmentRef('kouza.pdf', 'application/pdf', new TextEncoder().encode('%PDF-1.7 x'))],
      }),
    );
    assert.notEqual(other.sha256, canonicalApplication(input()).sha256);
  });

  it('rejects bad fields', () => {
    failsWith(() => canonicalApplication(input({ submissionId: 'not-a-uuid' })), 'application.invalid_field');
    failsWith(
      () => canonicalApplication(input({ createdAt: '2026-11-23T10:15:00+09:00' })),
      'application.invalid_field',
    );
    failsWith(
      () => canonicalApplication(input({ createdAt: '2026-02-30T00:00:00Z' })),
      'application.invalid_field',
    );
    failsWith(() => canonicalApplication(input({ serviceId: ' ' })), 'application.invalid_field');
    const badHash = { name: 'a.pdf', mediaType: 'application/pdf', size: 1, sha256: 'abc' };
    failsWith(() => canonicalApplication(input({ attachments: [badHash] })), 'application.invalid_field');
    const ref = attachmentRef('a.pdf', 'application/pdf', pdf);
    failsWith(
      () => canonicalApplication(input({ attachments: [ref, ref] })),
      'application.duplicate_attachment',
    );
    failsWith(() => canonicalApplication(input({ answers: { x: Number.NaN } })), 'jcs.non_finite');
    const extra = { ...input(), note: 'x' } as unknown as ApplicationInput;
    failsWith(() => canonicalApplication(extra), 'application.invalid_field');
  });

  it('parseCanonicalApplication accepts the canonical bytes and nothing else', () => {
    const { bytes, sha256, document } = canonicalApplication(input());
    const parsed = parseCanonicalApplication(bytes);
    assert.equal(parsed.sha256, sha256);
    assert.deepEqual(parsed.document, document);
    const pretty = new TextEncoder().encode(JSON.stringify(document, null, 1));
    failsWith(() => parseCanonicalApplication(pretty), 'application.not_canonical');
    const text = new TextDecoder().decode(bytes);
    // A duplicate key: JSON.parse keeps the last, so the bytes a viewer shows could differ.
    const duplicated = new TextEncoder().encode(text.replace('{"answers"', '{"answers":{},"answers"'));
    failsWith(() => parseCanonicalApplication(duplicated), 'application.not_canonical');
    failsWith(() => parseCanonicalApplication(new Uint8Array([0xff])), 'application.not_canonical');
  });
});

describe('verifyStoredAttachments', () => {
  const refs = canonicalApplication(input()).document.attachments;

  it('accepts the signed files', () => {
    const result = verifyStoredAttachments(refs, [
      { name: 'menkyo.jpg', bytes: photo },
      { name: 'kouza.pdf', bytes: pdf },
    ]);
    assert.deepEqual(result, { ok: true });
  });

  it('reports missing, swapped, resized and unexpected files', () => {
    const tampered = new Uint8Array(photo);
    tampered[1] = 0xd9;
    const result = verifyStoredAttachments(refs, [
      { name: 'menkyo.jpg', bytes: tampered },
      { name: 'extra.png', bytes: photo },
    ]);
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.problems.map((p) => `${p.name}:${p.problem}`), [
      'kouza.pdf:missing',
      'menkyo.jpg:hash_mismatch',
      'extra.png:unexpected',
    ]);
    const short = verifyStoredAttachments(refs.slice(0, 1), [{ name: 'kouza.pdf', bytes: pdf.subarray(1) }]);
    assert.deepEqual(!short.ok && short.problems[0], {
      name: 'kouza.pdf',
      problem: 'size_mismatch',
      expected: pdf.length,
      actual: pdf.length - 1,
    });
  });
});
