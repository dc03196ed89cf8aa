/**
 * Hand-assembled DER for the fixed outer layers of structures we sign often. asn1js re-encodes a
 * whole certificate on every call; concatenating bytes that are already DER is exact and cheap.
 */
function lengthBytes(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...content: Uint8Array[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), lengthBytes(body.byteLength), body]);
}

export const der = {
  sequence: (...content: Uint8Array[]) => tlv(0x30, ...content),
  octetString: (content: Uint8Array) => tlv(0x04, content),
  /** A BIT STRING with no unused bits (signatures). */
  bitString: (content: Uint8Array) => tlv(0x03, Buffer.from([0]), content),
  enumerated: (value: number) => tlv(0x0a, Buffer.from([value])),
  /** [n] EXPLICIT, constructed. */
  explicit: (n: number, ...content: Uint8Array[]) => tlv(0xa0 | n, ...content),
  oid: (dotted: string) => {
    const [a, b, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
    const out = [40 * a + b];
    for (const arc of rest) {
      const chunk: number[] = [];
      for (let v = arc; ; v = Math.floor(v / 128)) {
        chunk.unshift((v % 128) | (chunk.length ? 0x80 : 0));
        if (v < 128) break;
      }
      out.push(...chunk);
    }
    return tlv(0x06, Buffer.from(out));
  },
  null: () => Buffer.from([0x05, 0x00]),
};

export interface Tlv {
  tag: number;
  /** Where the whole element starts and its content starts and ends. */
  start: number;
  contentStart: number;
  end: number;
}

/** One DER element at `offset` (definite lengths only, as DER requires); throws on anything else. */
export function readTlv(buf: Uint8Array, offset: number, limit = buf.byteLength): Tlv {
  if (offset + 2 > limit) throw new RangeError('truncated DER');
  const tag = buf[offset] as number;
  if ((tag & 0x1f) === 0x1f) throw new RangeError('multi-byte tags are not used here');
  let length = buf[offset + 1] as number;
  let contentStart = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || contentStart + count > limit) throw new RangeError('bad DER length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (buf[contentStart + i] as number);
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw new RangeError('truncated DER');
  return { tag, start: offset, contentStart, end };
}

/** The elements directly inside a constructed element. */
export function childrenOf(buf: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.contentStart; at < parent.end; ) {
    const child = readTlv(buf, at, parent.end);
    out.push(child);
    at = child.end;
  }
  return out;
}
