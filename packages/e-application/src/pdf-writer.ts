/**
 * The smallest honest PDF 1.7 file writer (ISO 32000-1 §7.5): header, numbered indirect objects, a
 * classic cross-reference table with exact byte offsets, trailer, startxref, %%EOF. Objects are
 * given as PDF source text restricted to bytes 0–255 (latin1), so string length equals byte length
 * and offsets can be counted on the string; text outside that range must be hex-encoded by callers.
 */

export interface PdfTrailer {
  /** Object number of the document catalog. */
  root: number;
  /** Object number of the document information dictionary, if any. */
  info?: number;
}

export class PdfWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfWriteError';
  }
}

// The comment line of four bytes above 127 tells transfer tools the file is binary (§7.5.2).
const HEADER = '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n';

/** `objects[i]` is the body of object number i + 1 (without "N 0 obj" / "endobj"). */
export function serializePdf(objects: readonly string[], trailer: PdfTrailer): Uint8Array {
  let out = HEADER;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefAt = out.length;
  const size = objects.length + 1;
  // Each entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, two-byte EOL.
  out += `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  const info = trailer.info === undefined ? '' : ` /Info ${trailer.info} 0 R`;
  out += `trailer\n<< /Size ${size} /Root ${trailer.root} 0 R${info} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  for (let i = 0; i < out.length; i++) {
    if (out.charCodeAt(i) > 0xff)
      throw new PdfWriteError(`character outside latin1 at ${i}; hex-encode text`);
  }
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** A stream object body; /Length is the byte count between the EOL after "stream" and "endstream"'s EOL. */
export function pdfStream(dictionaryEntries: string, data: string): string {
  const entries = dictionaryEntries === '' ? '' : `${dictionaryEntries} `;
  return `<< ${entries}/Length ${data.length} >>\nstream\n${data}\nendstream`;
}

/**
 * UTF-16BE hex of `text`, one 2-byte code per character. Characters outside the BMP become 〓
 * (U+3013, the typesetter's stand-in for a missing glyph) because UCS-2 CMaps cannot address them.
 */
export function ucs2Hex(text: string): string {
  let hex = '';
  for (const ch of text) {
    let code = ch.codePointAt(0) as number;
    if (code > 0xffff) code = 0x3013;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) code = 0x20;
    hex += code.toString(16).toUpperCase().padStart(4, '0');
  }
  return hex;
}

/** A PDF text string (§7.9.2.2) for metadata: UTF-16BE with byte-order mark, as a hex string. */
export function pdfTextString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}
