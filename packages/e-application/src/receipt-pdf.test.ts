import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { receiptNumberFromSequence } from './receipt-number.ts';
import { formatSeireki, formatWareki, type ReceiptPdfInput, renderReceiptPdf } from './receipt-pdf.ts';
import { sniff } from './sniff.ts';

const submittedAt = new Date('2026-11-23T01:15:00Z'); // 10:15 JST
const hash = (s: string) => createHash('sha256').update(s).digest('hex');

function receipt(attachmentCount = 2): ReceiptPdfInput {
  return {
    receiptNumber: receiptNumberFromSequence(submittedAt, 42),
    serviceName: '児童手当 現況届',
    municipality: '東京都千代田区',
    submittedAt,
    signerName: '山田 太郎',
    applicationSha256: hash('application'),
    attachments: Array.from({ length: attachmentCount }, (_, i) => ({
      name: `添付書類${i + 1}.pdf`,
      size: 1000 + i,
      sha256: hash(String(i)),
    })),
  };
}

/** Independent UTF-16BE hex, via Buffer's UTF-16LE encoder and a byte swap. */
function utf16beHex(text: string): string {
  return Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase();
}

/** Reads the classic xref table the way a PDF reader does, starting from startxref. */
function parseStructure(pdf: Uint8Array): { text: string; offsets: number[]; trailer: string } {
  const text = Buffer.from(pdf).toString('latin1');
  const tail = /startxref\n(\d+)\n%%EOF\n$/.exec(text);
  assert.ok(tail, 'ends with startxref <offset> %%EOF');
  const xrefAt = Number(tail[1]);
  assert.equal(text.slice(xrefAt, xrefAt + 5), 'xref\n', 'startxref points at the xref keyword');
  const header = /^xref\n0 (\d+)\n/.exec(text.slice(xrefAt)) as RegExpExecArray;
  const count = Number(header[1]);
  const entriesAt = xrefAt + header[0].length;
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) {
    const entry = text.slice(entriesAt + 20 * i, entriesAt + 20 * (i + 1));
    assert.match(entry, /^\d{10} \d{5} [nf] \n$/, `xref entry ${i} is 20 bytes`);
    if (i === 0) assert.equal(entry, '0000000000 65535 f \n');
    else offsets.push(Number(entry.slice(0, 10)));
  }
  const trailer = text.slice(entriesAt + 20 * count, text.indexOf('startxref', entriesAt));
  return { text, offsets, trailer };
}

describe('receipt PDF (受付票)', () => {
  it('is a PDF 1.7 that sniff recognises', () => {
    const pdf = renderReceiptPdf(receipt());
    assert.equal(Buffer.from(pdf.subarray(0, 9)).toString('latin1'), '%PDF-1.7\n');
    assert.deepEqual(sniff(pdf), { status: 'ok', mediaType: 'application/pdf' });
  });

  it('every xref offset points at its "N 0 obj" and the trailer is complete', () => {
    const { text, offsets, trailer } = parseStructure(renderReceiptPdf(receipt()));
    offsets.forEach((offset, i) => {
      assert.equal(text.slice(offset, offset + `${i + 1} 0 obj\n`.length), `${i + 1} 0 obj\n`);
    });
    assert.match(trailer, new RegExp(`/Size ${offsets.length + 1} `));
    assert.match(trailer, /\/Root 1 0 R/);
    assert.match(text.slice(offsets[0]), /^1 0 obj\n<< \/Type \/Catalog /);
  });

  it('stream /Length values equal the bytes between stream and endstream', () => {
    const { text } = parseStructure(renderReceiptPdf(receipt()));
    const streams = [...text.matchAll(/\/Length (\d+) >>\nstream\n/g)];
    assert.ok(streams.length > 0);
    for (const match of streams) {
      const start = (match.index as number) + match[0].length;
      assert.equal(text.slice(start + Number(match[1]), start + Number(match[1]) + 10), '\nendstream');
    }
  });

  it('uses the non-embedded Adobe-Japan1 font with UniJIS-UCS2-H', () => {
    const { text } = parseStructure(renderReceiptPdf(receipt()));
    assert.match(text, /\/Subtype \/Type0 \/BaseFont \/HeiseiKakuGo-W5 \/Encoding \/UniJIS-UCS2-H/);
    assert.match(text, /\/Registry \(Adobe\) \/Ordering \(Japan1\)/);
    assert.doesNotMatch(text, /\/FontFile/);
  });

  it('writes the Japanese text as UTF-16BE hex strings', () => {
    const input = receipt();
    const { text } = parseStructure(renderReceiptPdf(input));
    assert.ok(text.includes(utf16beHex('受付番号')));
    assert.ok(text.includes(utf16beHex(input.receiptNumber)));
    assert.ok(text.includes(utf16beHex('児童手当 現況届')));
    assert.ok(text.includes(utf16beHex('東京都千代田区')));
    assert.ok(text.includes(utf16beHex('山田 太郎')));
    assert.ok(text.includes(utf16beHex(formatWareki(submittedAt))));
    assert.ok(text.includes(utf16beHex(formatSeireki(submittedAt))));
    for (const a of input.attachments) assert.ok(text.includes(utf16beHex(a.sha256)));
  });

  it('dates: 西暦 in Japan time and 和暦 via the Japanese calendar', () => {
    assert.match(formatSeireki(submittedAt), /^2026年11月23日 10:15$/);
    assert.equal(formatWareki(submittedAt), '令和8年11月23日');
    assert.equal(formatWareki(new Date('2019-04-30T12:00:00+09:00')), '平成31年4月30日');
    assert.match(formatWareki(new Date('2019-05-01T12:00:00+09:00')), /^令和(元|1)年5月1日$/);
  });

  it('moves to further pages when attachments do not fit, each page listed in /Pages', () => {
    const { text } = parseStructure(renderReceiptPdf(receipt(40)));
    const count = Number(/\/Type \/Pages \/Kids \[[^\]]*\] \/Count (\d+)/.exec(text)?.[1]);
    assert.ok(count >= 2);
    assert.equal([...text.matchAll(/\/Type \/Page \/Parent/g)].length, count);
    assert.ok(text.includes(utf16beHex(hash('39'))), 'the last attachment is on some page');
  });

  it('replaces characters UCS-2 cannot address with 〓 instead of corrupting the text', () => {
    const { text } = parseStructure(renderReceiptPdf({ ...receipt(0), signerName: '𠮷田 花子' }));
    assert.ok(text.includes(utf16beHex('〓田 花子')));
  });

  it('is deterministic', () => {
    assert.deepEqual(renderReceiptPdf(receipt()), renderReceiptPdf(receipt()));
  });
});
