/**
 * The small part of RFC 8941 (Structured Field Values) that RFC 9421 needs: dictionaries whose members
 * are inner lists of strings with parameters (`Signature-Input`) or byte sequences (`Signature`,
 * `Content-Digest`). Parsing is strict: anything else is a TypeError, which callers map to `malformed`.
 */

export type BareItem = string | number | boolean | Uint8Array;

export interface InnerList {
  items: string[];
  params: Map<string, BareItem>;
  /** The member value exactly as serialised (what `@signature-params` covers). */
  raw: string;
}

const KEY = /^[a-z*][a-z0-9_\-.*]*$/;
const TOKEN = /^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*$/;

/** Splits a dictionary into `key → raw member value` at top-level commas (outside strings and lists). */
export function splitDictionary(field: string): Map<string, string> {
  const out = new Map<string, string>();
  let depth = 0;
  let inString = false;
  let start = 0;
  const members: string[] = [];
  for (let i = 0; i < field.length; i++) {
    const c = field[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      members.push(field.slice(start, i));
      start = i + 1;
    }
  }
  if (inString || depth !== 0) throw new TypeError('structured field: unbalanced string or list');
  members.push(field.slice(start));
  for (const m of members) {
    const member = m.trim();
    const eq = member.indexOf('=');
    if (eq <= 0) throw new TypeError('structured field: dictionary member without a value');
    const key = member.slice(0, eq);
    if (!KEY.test(key)) throw new TypeError('structured field: bad dictionary key');
    // RFC 8941: a later duplicate key overrides an earlier one.
    out.set(key, member.slice(eq + 1));
  }
  return out;
}

function parseString(s: string, at: number): [string, number] {
  if (s[at] !== '"') throw new TypeError('structured field: expected a string');
  let out = '';
  for (let i = at + 1; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '\\') {
      const n = s[i + 1];
      if (n !== '"' && n !== '\\') throw new TypeError('structured field: bad escape');
      out += n;
      i++;
    } else if (c === '"') return [out, i + 1];
    else {
      const code = c.charCodeAt(0);
      if (code < 0x20 || code > 0x7e) throw new TypeError('structured field: non-ASCII string');
      out += c;
    }
  }
  throw new TypeError('structured field: unterminated string');
}

function parseBareItem(s: string, at: number): [BareItem, number] {
  const c = s[at];
  if (c === '"') return parseString(s, at);
  if (c === ':') {
    const end = s.indexOf(':', at + 1);
    if (end < 0) throw new TypeError('structured field: unterminated byte sequence');
    const b64 = s.slice(at + 1, end);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw new TypeError('structured field: bad base64');
    return [new Uint8Array(Buffer.from(b64, 'base64')), end + 1];
  }
  if (c === '?') {
    if (s[at + 1] === '1') return [true, at + 2];
    if (s[at + 1] === '0') return [false, at + 2];
    throw new TypeError('structured field: bad boolean');
  }
  const num = /^-?\d{1,15}/.exec(s.slice(at));
  if (num) {
    if (s[at + num[0].length] === '.') throw new TypeError('structured field: decimals are not used here');
    return [Number(num[0]), at + num[0].length];
  }
  const tok = /^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*/.exec(s.slice(at));
  if (tok && TOKEN.test(tok[0])) return [tok[0], at + tok[0].length];
  throw new TypeError('structured field: bad item');
}

function parseParams(s: string, at: number): [Map<string, BareItem>, number] {
  const params = new Map<string, BareItem>();
  let i = at;
  while (s[i] === ';') {
    i++;
    while (s[i] === ' ') i++;
    const key = /^[a-z*][a-z0-9_\-.*]*/.exec(s.slice(i));
    if (!key) throw new TypeError('structured field: bad parameter key');
    i += key[0].length;
    if (s[i] === '=') {
      const [v, next] = parseBareItem(s, i + 1);
      params.set(key[0], v);
      i = next;
    } else params.set(key[0], true);
  }
  return [params, i];
}

/** An inner list of strings with parameters: `("a" "b");created=1;keyid="k"`. */
export function parseInnerList(raw: string): InnerList {
  const s = raw.trim();
  if (s[0] !== '(') throw new TypeError('structured field: expected an inner list');
  const items: string[] = [];
  let i = 1;
  for (;;) {
    while (s[i] === ' ') i++;
    if (s[i] === ')') {
      i++;
      break;
    }
    if (i >= s.length) throw new TypeError('structured field: unterminated inner list');
    const [item, next] = parseString(s, i);
    // Component parameters (;sf, ;key, ;req …) are not supported by this profile.
    if (s[next] !== ' ' && s[next] !== ')') throw new TypeError('structured field: unsupported component');
    items.push(item);
    i = next;
  }
  const [params, end] = parseParams(s, i);
  if (end !== s.length) throw new TypeError('structured field: trailing characters');
  return { items, params, raw: s };
}

/** A byte-sequence member: `:base64:` with no parameters. */
export function parseByteSequence(raw: string): Uint8Array {
  const s = raw.trim();
  const [v, end] = parseBareItem(s, 0);
  if (!(v instanceof Uint8Array) || end !== s.length) throw new TypeError('structured field: expected bytes');
  return v;
}

export function serializeString(s: string): string {
  if (!/^[\x20-\x7e]*$/.test(s)) throw new TypeError('structured field: strings are printable ASCII');
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export function serializeBytes(b: Uint8Array): string {
  return `:${Buffer.from(b).toString('base64')}:`;
}
