import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crc32 } from 'node:zlib';
import { type AttachmentSpec, checkAttachment, sniff } from './sniff.ts';
import { minimalHeif, minimalJpeg, minimalPdf, minimalPng } from './test-files.ts';

const ALL: AttachmentSpec = {
  accept: ['application/pdf', 'image/jpeg', 'image/png', 'image/heic', 'image/heif'],
  maxBytes: 10 * 1024 * 1024,
};

function failure(bytes: Uint8Array, name: string, spec: AttachmentSpec = ALL): string | undefined {
  const result = checkAttachment(bytes, name, spec);
  return result.ok ? undefined : result.failure;
}

describe('sniff', () => {
  it('the CRC used for PNG chunks matches the well-known IEND CRC (AE 42 60 82)', () => {
    assert.equal(crc32(Buffer.from('IEND', 'latin1')), 0xae426082);
  });

  it('recognises each accepted format from its bytes', () => {
    assert.deepEqual(sniff(minimalPdf()), { status: 'ok', mediaType: 'application/pdf' });
    assert.deepEqual(sniff(minimalPng()), { status: 'ok', mediaType: 'image/png' });
    assert.deepEqual(sniff(minimalJpeg()), { status: 'ok', mediaType: 'image/jpeg' });
    assert.deepEqual(sniff(new Uint8Array([0xff, 0xd8, 0xff, 0xd9])), {
      status: 'ok',
      mediaType: 'image/jpeg',
    });
    assert.deepEqual(sniff(minimalHeif()), { status: 'ok', mediaType: 'image/heic' });
    assert.deepEqual(sniff(minimalHeif('mif1', ['mif1'])), { status: 'ok', mediaType: 'image/heif' });
    assert.deepEqual(sniff(minimalHeif('msf1', ['iso8', 'heic'])), { status: 'ok', mediaType: 'image/heic' });
  });

  it('does not claim other ISO-BMFF files or arbitrary bytes', () => {
    assert.deepEqual(sniff(minimalHeif('isom', ['iso2', 'mp41'])), { status: 'unknown' });
    assert.deepEqual(sniff(new TextEncoder().encode('MZ\x90\x00 this is not a document')), {
      status: 'unknown',
    });
    assert.deepEqual(sniff(new Uint8Array([0x25, 0x50])), { status: 'unknown' });
  });

  it('flags structurally broken files as malformed', () => {
    const pdf = minimalPdf();
    assert.equal(sniff(pdf.subarray(0, pdf.length - 20)).status, 'malformed');
    const png = minimalPng();
    const badCrc = new Uint8Array(png);
    badCrc[30] = (badCrc[30] as number) ^ 0xff; // inside IHDR's CRC
    assert.equal(sniff(badCrc).status, 'malformed');
    assert.equal(sniff(png.subarray(0, png.length - 12)).status, 'malformed'); // IEND cut off
    assert.equal(sniff(minimalJpeg().subarray(0, 20)).status, 'malformed'); // EOI cut off
    const overrun = minimalJpeg();
    overrun[5] = 0xff; // APP0 length now runs past the end
    assert.equal(sniff(overrun).status, 'malformed');
    assert.equal(sniff(minimalHeif('heic', ['mif1'], false)).status, 'malformed'); // ftyp only
  });
});

describe('checkAttachment', () => {
  it('accepts real files and reports the detected type', () => {
    assert.deepEqual(checkAttachment(minimalPdf(), '口座確認書類.PDF', ALL), {
      ok: true,
      mediaType: 'application/pdf',
      size: minimalPdf().length,
    });
    assert.equal(failure(minimalPng(), 'scan.png'), undefined);
    assert.equal(failure(minimalJpeg(), 'IMG_0001.JPG'), undefined);
    assert.equal(failure(minimalHeif(), 'IMG_0002.heif'), undefined);
    assert.equal(failure(minimalPng(), 'no-extension'), undefined);
  });

  it('empty and too large come before any parsing', () => {
    assert.equal(failure(new Uint8Array(0), 'a.pdf'), 'empty');
    assert.equal(failure(minimalPdf(), 'a.pdf', { ...ALL, maxBytes: 100 }), 'too_large');
  });

  it('type_not_allowed for unknown bytes or a type the field does not take', () => {
    assert.equal(failure(new TextEncoder().encode('#!/bin/sh\nrm -rf /\n'), 'a.pdf'), 'type_not_allowed');
    assert.equal(
      failure(minimalPng(), 'a.png', { accept: ['application/pdf'], maxBytes: 1e6 }),
      'type_not_allowed',
    );
  });

  it('type_mismatch when the name claims another type', () => {
    assert.equal(failure(minimalPng(), '住民票.pdf'), 'type_mismatch');
    assert.equal(failure(minimalPdf(), 'photo.jpg'), 'type_mismatch');
    assert.equal(failure(minimalPdf(), 'invoice.pdf.exe'), 'type_mismatch');
  });

  it('malformed for an allowed, correctly named but broken file', () => {
    const pdf = minimalPdf();
    assert.equal(failure(pdf.subarray(0, pdf.length - 20), 'a.pdf'), 'malformed');
  });
});
