/** RFC 9421 §2: component values and the signature base. */

/** Header input: a fetch `Headers`, or Node/Fastify's `IncomingHttpHeaders`-shaped record. */
export type HeaderSource = Headers | Record<string, string | string[] | number | undefined>;

export interface MessageParts {
  method: string;
  url: string;
  headers: HeaderSource;
}

/** Lower-cased header name → field value (multiple values joined with ", ", RFC 9421 §2.1). */
export function normalizeHeaders(headers: HeaderSource): Map<string, string> {
  const out = new Map<string, string>();
  const entries: Iterable<[string, unknown]> =
    headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value.map(String) : [String(value)];
    const joined = values.map((v) => v.trim().replace(/\r?\n[ \t]*/g, ' ')).join(', ');
    const key = name.toLowerCase();
    const prev = out.get(key);
    out.set(key, prev === undefined ? joined : `${prev}, ${joined}`);
  }
  return out;
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** The value of one covered component; throws TypeError when it is absent or unsupported. */
export function componentValue(name: string, msg: MessageParts, headers: Map<string, string>): string {
  if (name.startsWith('@')) {
    const u = new URL(msg.url);
    switch (name) {
      case '@method':
        return msg.method.toUpperCase();
      case '@target-uri':
        return u.href;
      case '@authority':
        return u.port && u.port !== DEFAULT_PORTS[u.protocol]
          ? `${u.hostname.toLowerCase()}:${u.port}`
          : u.hostname.toLowerCase();
      case '@scheme':
        return u.protocol.slice(0, -1).toLowerCase();
      case '@path':
        return u.pathname || '/';
      case '@query':
        return u.search || '?';
      case '@request-target':
        return `${u.pathname || '/'}${u.search}`;
      default:
        throw new TypeError(`http-signatures: unsupported derived component ${name}`);
    }
  }
  if (name !== name.toLowerCase()) throw new TypeError('http-signatures: component names are lower case');
  const v = headers.get(name);
  if (v === undefined) throw new TypeError(`http-signatures: covered header ${name} is missing`);
  return v;
}

/** The signature base (RFC 9421 §2.5) for covered components and a serialised `@signature-params`. */
export function signatureBase(
  components: readonly string[],
  signatureParams: string,
  msg: MessageParts,
): string {
  const headers = normalizeHeaders(msg.headers);
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const c of components) {
    if (seen.has(c)) throw new TypeError(`http-signatures: component ${c} is covered twice`);
    seen.add(c);
    lines.push(`"${c}": ${componentValue(c, msg, headers)}`);
  }
  lines.push(`"@signature-params": ${signatureParams}`);
  return lines.join('\n');
}
