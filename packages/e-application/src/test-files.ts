/**
 * Real, minimal files of each accepted type, built from their specifications for the tests (no binary
 * fixtures in the repo). Not a test file itself: the tests import it.
 */
import { crc32, deflateSync } from 'node:zlib';

const latin1 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));

/** A one-page PDF with its xref offsets counted here, independently of pdf-writer.ts. */
export function minimalPdf(extraObjects: readonly string[] = []): Uint8Array {
  const bodies = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>',
    ...extraObjects,
  ];
  let out = '%PDF-1.4\n';
  const offsets = bodies.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) out += `${String(at).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return latin1(out);
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** 1×1 8-bit greyscale PNG (ISO/IEC 15948): signature, IHDR, one zlib IDAT scanline, IEND. */
export function minimalPng(): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0); // width
  ihdr.writeUInt32BE(1, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // colour type: greyscale; compression, filter, interlace stay 0
  const scanline = new Uint8Array([0, 0x80]); // filter type None, one grey pixel
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', ihdr),
      pngChunk('IDAT', deflateSync(scanline)),
      pngChunk('IEND', new Uint8Array(0)),
    ]),
  );
}

/** JFIF: SOI, an APP0 "JFIF" segment (length 16), EOI. */
export function minimalJpeg(): Uint8Array {
  return new Uint8Array([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00,
    0x01, 0x00, 0x00, 0xff, 0xd9,
  ]);
}

function box(type: string, payload: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + payload.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, payload]);
}

/** ISO-BMFF: an ftyp box (major brand, minor version 0, compatible brands) then an empty meta full box. */
export function minimalHeif(
  major = 'heic',
  compatible: readonly string[] = ['mif1', 'heic'],
  meta = true,
): Uint8Array {
  const ftyp = box(
    'ftyp',
    Buffer.concat([
      Buffer.from(major, 'latin1'),
      Buffer.alloc(4),
      Buffer.from(compatible.join(''), 'latin1'),
    ]),
  );
  const parts = [ftyp];
  if (meta) parts.push(box('meta', Buffer.alloc(4))); // version 0, flags 0
  return new Uint8Array(Buffer.concat(parts));
}

/** The body of a PDF 1.5 object stream holding `inner`, optionally Flate-compressed. */
export function objectStream(inner: string, compress: boolean): string {
  const data = compress ? deflateSync(Buffer.from(inner, 'latin1')).toString('latin1') : inner;
  const filter = compress ? ' /Filter /FlateDecode' : '';
  return `<< /Type /ObjStm /N 1 /First 4${filter} /Length ${data.length} >>\nstream\n${data}\nendstream`;
}
