import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AttachmentScanner, compositeScanner, pdfActiveContentScanner, pdfNames } from './scan-hook.ts';
import { minimalPdf, minimalPng, objectStream } from './test-files.ts';

const scan = (bytes: Uint8Array) => pdfActiveContentScanner.scan({ name: 'x.pdf', bytes });

describe('pdfActiveContentScanner', () => {
  it('passes a plain PDF and non-PDF files', async () => {
    assert.deepEqual(await scan(minimalPdf()), { clean: true });
    assert.deepEqual(await scan(minimalPng()), { clean: true });
  });

  it('flags JavaScript in an OpenAction', async () => {
    const pdf = minimalPdf(['<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>']);
    const verdict = await scan(pdf);
    assert.equal(verdict.clean, false);
    assert.match(!verdict.clean ? verdict.reason : '', /JavaScript|JS/);
  });

  it('flags launch actions and embedded files', async () => {
    assert.equal((await scan(minimalPdf(['<< /S /Launch /F (cmd.exe) >>']))).clean, false);
    assert.equal(
      (await scan(minimalPdf(['<< /Type /EmbeddedFile /Length 0 >>\nstream\n\nendstream']))).clean,
      false,
    );
  });

  it('decodes #xx escapes in names (ISO 32000-1 §7.3.5)', async () => {
    assert.ok(pdfNames('/J#61vaScript /A#20B').has('JavaScript'));
    assert.ok(pdfNames('/A#20B').has('A B'));
    assert.equal((await scan(minimalPdf(['<< /S /J#61vaScript /J#53 (x) >>']))).clean, false);
  });

  it('finds active content hidden in a compressed object stream', async () => {
    const hidden = objectStream('5 0 << /S /JavaScript /JS (x) >>', true);
    assert.equal((await scan(minimalPdf([hidden]))).clean, false);
    const harmless = objectStream('5 0 << /Type /Annot /Subtype /Text >>', true);
    assert.deepEqual(await scan(minimalPdf([harmless])), { clean: true });
  });

  it('fails closed on an object stream it cannot read', async () => {
    const broken =
      '<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length 8 >>\nstream\nnotzlib!\nendstream';
    const verdict = await scan(minimalPdf([broken]));
    assert.deepEqual(verdict, { clean: false, reason: 'unreadable object stream' });
  });

  it('does not flag a GoTo OpenAction (the common, harmless case)', async () => {
    const pdf = minimalPdf(['<< /Type /Action /S /GoTo /D [3 0 R /Fit] >>']);
    assert.deepEqual(await scan(pdf), { clean: true });
  });
});

describe('compositeScanner', () => {
  const clean: AttachmentScanner = { id: 'ok', scan: async () => ({ clean: true }) };
  const down: AttachmentScanner = {
    id: 'clamd',
    scan: async () => {
      throw new Error('connect ECONNREFUSED');
    },
  };

  it('is clean only when every scanner is clean', async () => {
    const both = compositeScanner([clean, pdfActiveContentScanner]);
    assert.deepEqual(await both.scan({ name: 'a.pdf', bytes: minimalPdf() }), { clean: true });
    const dirty = await both.scan({ name: 'a.pdf', bytes: minimalPdf(['<< /S /Launch >>']) });
    assert.deepEqual(dirty, { clean: false, reason: 'pdf-active-content: active content /Launch' });
  });

  it('treats a failing scanner as a finding (fail closed)', async () => {
    const verdict = await compositeScanner([clean, down]).scan({ name: 'a.pdf', bytes: minimalPdf() });
    assert.equal(verdict.clean, false);
    assert.match(!verdict.clean ? verdict.reason : '', /^clamd: scanner_error: connect ECONNREFUSED/);
  });
});
