/**
 * Attachment scanning as a pipeline of scanners. The built-in one only looks for PDF active content;
 * a real antivirus plugs in behind the same interface later (e.g. a clamd client speaking the
 * INSTREAM command over its socket), chosen by config, with no change to the submission flow.
 */
import { inflateSync } from 'node:zlib';
import { sniff } from './sniff.ts';

export interface ScanInput {
  name: string;
  bytes: Uint8Array;
  /** The type `sniff` detected, when the caller already has it. */
  mediaType?: string;
}

export type ScanVerdict = { clean: true } | { clean: false; reason: string };

export interface AttachmentScanner {
  readonly id: string;
  scan(input: ScanInput): Promise<ScanVerdict>;
}

/**
 * Runs scanners in order and stops at the first finding. A scanner that throws counts as a finding:
 * an antivirus that is down must not wave files through (fail closed).
 */
export function compositeScanner(scanners: readonly AttachmentScanner[]): AttachmentScanner {
  return {
    id: `composite(${scanners.map((s) => s.id).join(',')})`,
    async scan(input) {
      for (const scanner of scanners) {
        let verdict: ScanVerdict;
        try {
          verdict = await scanner.scan(input);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          return { clean: false, reason: `${scanner.id}: scanner_error: ${message}` };
        }
        if (!verdict.clean) return { clean: false, reason: `${scanner.id}: ${verdict.reason}` };
      }
      return { clean: true };
    },
  };
}

// Names whose mere presence means the document can act on its own when opened or clicked.
const ACTIVE_NAMES = ['JavaScript', 'JS', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia'];
const MAX_INFLATED = 32 * 1024 * 1024;

/**
 * Flags PDFs that carry scripts, launch actions or embedded files. It reads names as a PDF reader
 * would (#xx escapes decoded, so /J#61vaScript is /JavaScript) and opens compressed object streams,
 * where such dictionaries are usually hidden. It over-reports rather than under-reports: a name
 * inside a string literal counts too, and an object stream it cannot inflate is itself a finding.
 */
export const pdfActiveContentScanner: AttachmentScanner = {
  id: 'pdf-active-content',
  async scan(input) {
    // Not a PDF (by its bytes, whatever it is called): not this scanner's business.
    if (!isPdf(input.bytes)) return { clean: true };
    const latin1 = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength).toString(
      'latin1',
    );
    const sources = [latin1];
    const hidden = objectStreams(latin1);
    if (typeof hidden === 'string') return { clean: false, reason: hidden };
    sources.push(...hidden);
    for (const source of sources) {
      const names = pdfNames(source);
      const found = ACTIVE_NAMES.find((n) => names.has(n));
      if (found !== undefined) return { clean: false, reason: `active content /${found}` };
    }
    return { clean: true };
  },
};

function isPdf(bytes: Uint8Array): boolean {
  const kind = sniff(bytes);
  return kind.status !== 'unknown' && kind.mediaType === 'application/pdf';
}

/** Every /Name token, with #xx escapes decoded (ISO 32000-1 §7.3.5). */
export function pdfNames(source: string): Set<string> {
  const names = new Set<string>();
  for (const match of source.matchAll(/\/([^\s/[\]<>(){}%]+)/g)) {
    const raw = match[1] as string;
    names.add(
      raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    );
  }
  return names;
}

/**
 * Inflated contents of every /Type /ObjStm stream (PDF 1.5 object streams), or a finding if one
 * cannot be read. Content and image streams are skipped: a viewer never interprets them as objects.
 */
function objectStreams(latin1: string): string[] | string {
  const found: string[] = [];
  for (const match of latin1.matchAll(/(?<!end)stream\r?\n/g)) {
    const keyword = match.index ?? 0;
    // The stream's dictionary sits between its "N G obj" and the stream keyword.
    const dictionary = latin1.slice(Math.max(latin1.lastIndexOf('obj', keyword), keyword - 4096, 0), keyword);
    const names = pdfNames(dictionary);
    if (!names.has('ObjStm')) continue;
    const start = keyword + match[0].length;
    const data = streamData(latin1, dictionary, start);
    if (data === undefined) return 'unterminated object stream';
    if (!names.has('Filter')) {
      found.push(data);
      continue;
    }
    // Only Flate is read; any other filter on an object stream could hide objects, so fail closed.
    if (!names.has('FlateDecode') || /\/Filter\s*\[[^\]]*\/\w+[^\]]*\/\w/.test(dictionary)) {
      return 'object stream with an unsupported filter';
    }
    try {
      found.push(
        inflateSync(Buffer.from(data, 'latin1'), { maxOutputLength: MAX_INFLATED }).toString('latin1'),
      );
    } catch {
      return 'unreadable object stream';
    }
  }
  return found;
}

/** Uses a direct /Length when there is one (binary data may contain "endstream" by chance). */
function streamData(latin1: string, dictionary: string, start: number): string | undefined {
  const direct = /\/Length\s+(\d+)\b(?!\s+\d+\s+R)/.exec(dictionary);
  if (direct !== null) {
    const end = start + Number(direct[1]);
    return end <= latin1.length ? latin1.slice(start, end) : undefined;
  }
  const end = latin1.indexOf('endstream', start);
  return end < 0 ? undefined : latin1.slice(start, end);
}
