/**
 * 受付票: the PDF a resident keeps as proof the office received their application. Text uses a
 * non-embedded Adobe-Japan1 CID font (HeiseiKakuGo-W5 via UniJIS-UCS2-H), one of the Japanese
 * fonts every conforming PDF reader is expected to substitute, so the file stays a few KB and no font
 * licence travels with it. Output is deterministic: the same receipt always gives the same bytes.
 */
import { pdfStream, pdfTextString, serializePdf, ucs2Hex } from './pdf-writer.ts';

export interface ReceiptPdfInput {
  receiptNumber: string;
  serviceName: string;
  municipality: string;
  submittedAt: Date;
  signerName: string;
  /** SHA-256 of the signed canonical application, so the receipt names exactly what was filed. */
  applicationSha256?: string;
  attachments: readonly { name: string; size: number; sha256: string }[];
}

const FONT = 'HeiseiKakuGo-W5';
const PAGE_WIDTH = 595.28; // A4 in points
const PAGE_HEIGHT = 841.89;
const MARGIN = 56;
const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;

interface Line {
  text: string;
  size: number;
  indent?: number;
  /** Extra space above the line, in points. */
  gap?: number;
  rule?: boolean;
}

export function formatSeireki(at: Date): string {
  return new Intl.DateTimeFormat('ja-JP', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

/** 和暦 from ICU's Japanese calendar, so a future era change needs an ICU update, not a code change. */
export function formatWareki(at: Date): string {
  return new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
    timeZone: 'Asia/Tokyo',
    era: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(at);
}

export function renderReceiptPdf(input: ReceiptPdfInput): Uint8Array {
  const pages = paginate(layout(input));
  const fixed = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '', // Pages, filled once the page objects are numbered
    `<< /Type /Font /Subtype /Type0 /BaseFont /${FONT} /Encoding /UniJIS-UCS2-H /DescendantFonts [4 0 R] >>`,
    // CIDs 1–95 are the proportional Latin glyphs UniJIS-UCS2-H maps ASCII to, 327–389 half-width
    // katakana; half an em is close enough for both, and every other glyph is a full em (DW).
    `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /${FONT} /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> /FontDescriptor 5 0 R /DW 1000 /W [1 95 500 327 389 500] >>`,
    `<< /Type /FontDescriptor /FontName /${FONT} /Flags 4 /FontBBox [-92 -250 1010 922] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 737 /StemV 114 >>`,
    `<< /Title ${pdfTextString(`受付票 ${input.receiptNumber}`)} /Producer (madoguchi e-application) /CreationDate (${pdfDate(input.submittedAt)}) >>`,
  ];
  const objects = [...fixed];
  const kids: string[] = [];
  pages.forEach((lines, i) => {
    const pageNumber = objects.length + 1;
    kids.push(`${pageNumber} 0 R`);
    const footer = `${input.receiptNumber}　${i + 1} / ${pages.length}`;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageNumber + 1} 0 R >>`,
      pdfStream('', contentStream(lines, footer)),
    );
  });
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages.length} >>`;
  return serializePdf(objects, { root: 1, info: 6 });
}

function layout(input: ReceiptPdfInput): Line[] {
  const body = 11;
  const lines: Line[] = [
    { text: '受付票（電子申請）', size: 20, rule: true },
    { text: `受付番号　${input.receiptNumber}`, size: 14, gap: 18 },
    ...wrap(`手続名　${input.serviceName}`, body, 0, 10),
    ...wrap(`提出先　${input.municipality}`, body, 0, 4),
    { text: `提出日時　${formatSeireki(input.submittedAt)}（日本時間）`, size: body, gap: 4 },
    { text: `和暦　　${formatWareki(input.submittedAt)}`, size: body, indent: 0 },
    ...wrap(`申請者（署名者）　${input.signerName}`, body, 0, 4),
  ];
  if (input.applicationSha256 !== undefined) {
    lines.push(
      { text: '申請データの SHA-256', size: body, gap: 10 },
      { text: input.applicationSha256, size: 8, indent: 12 },
    );
  }
  lines.push({ text: `添付ファイル（${input.attachments.length}件）`, size: body, gap: 10 });
  input.attachments.forEach((a, i) => {
    lines.push(...wrap(`${i + 1}. ${a.name}（${a.size.toLocaleString('ja-JP')} バイト）`, 10, 12, 4));
    lines.push({ text: `SHA-256: ${a.sha256}`, size: 8, indent: 24 });
  });
  lines.push(
    ...wrap(
      'この受付票は、上記の申請を電子署名とともに受け付けたことを示すものです。審査の結果を示すものではありません。',
      9,
      0,
      18,
    ),
  );
  return lines;
}

/** Estimated advance of `text` in ems, matching the widths declared in the CIDFont. */
function ems(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    width += code < 0x7f || (code >= 0xff61 && code <= 0xff9f) ? 0.5 : 1;
  }
  return width;
}

function wrap(text: string, size: number, indent: number, gap: number): Line[] {
  const limit = (TEXT_WIDTH - indent) / size;
  const lines: Line[] = [];
  let current = '';
  for (const ch of text) {
    if (current !== '' && ems(current + ch) > limit) {
      lines.push({ text: current, size, indent, gap: lines.length === 0 ? gap : 0 });
      current = '';
    }
    current += ch;
  }
  lines.push({ text: current, size, indent, gap: lines.length === 0 ? gap : 0 });
  return lines;
}

function paginate(lines: readonly Line[]): Line[][] {
  const pages: Line[][] = [[]];
  let y = PAGE_HEIGHT - MARGIN;
  for (const line of lines) {
    const advance = (line.gap ?? 0) + line.size * 1.5;
    if (y - advance < MARGIN + 24 && (pages.at(-1) as Line[]).length > 0) {
      pages.push([]);
      y = PAGE_HEIGHT - MARGIN;
    }
    (pages.at(-1) as Line[]).push(line);
    y -= advance;
  }
  return pages;
}

function contentStream(lines: readonly Line[], footer: string): string {
  const ops: string[] = [];
  let y = PAGE_HEIGHT - MARGIN;
  for (const line of lines) {
    y -= (line.gap ?? 0) + line.size * 1.5;
    const x = MARGIN + (line.indent ?? 0);
    ops.push(`BT /F1 ${line.size} Tf 1 0 0 1 ${fixed(x)} ${fixed(y)} Tm <${ucs2Hex(line.text)}> Tj ET`);
    if (line.rule === true) {
      ops.push(`0.75 w ${fixed(MARGIN)} ${fixed(y - 8)} m ${fixed(PAGE_WIDTH - MARGIN)} ${fixed(y - 8)} l S`);
    }
  }
  ops.push(`BT /F1 8 Tf 1 0 0 1 ${fixed(MARGIN)} ${fixed(MARGIN - 16)} Tm <${ucs2Hex(footer)}> Tj ET`);
  return ops.join('\n');
}

function fixed(n: number): string {
  return Number(n.toFixed(2)).toString();
}

/** PDF date (§7.9.4) in Japan time, the zone the receipt is read in. */
function pdfDate(at: Date): string {
  const jst = new Date(at.getTime() + 9 * 3600_000);
  const iso = jst.toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}+09'00'`;
}
