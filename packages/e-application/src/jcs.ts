/**
 * RFC 8785 JSON Canonicalization Scheme (JCS). The signature on an application covers these bytes, so
 * the portal and the back office must produce them identically from the same data, whatever order
 * the properties were built in.
 *
 * JCS is defined in terms of ECMAScript's own serialisation: numbers via Number::toString (which
 * JSON.stringify uses for finite numbers), strings via JSON.stringify's escaping, properties sorted by
 * UTF-16 code units (what Array.prototype.sort compares by default). We add only the I-JSON
 * restrictions JSON.stringify does not enforce, and refuse anything it would silently drop or alter.
 */
import { EApplicationError } from './errors.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const encoder = new TextEncoder();

/** The canonical JSON text of `value`; throws EApplicationError for anything not I-JSON. */
export function canonicalize(value: unknown): string {
  const parts: string[] = [];
  write(value, parts, new Set(), '$');
  return parts.join('');
}

/** The UTF-8 bytes of the canonical text: what gets hashed and signed. */
export function canonicalBytes(value: unknown): Uint8Array {
  return encoder.encode(canonicalize(value));
}

function write(value: unknown, out: string[], ancestors: Set<object>, path: string): void {
  if (value === null || value === true || value === false) {
    out.push(String(value));
    return;
  }
  switch (typeof value) {
    case 'number':
      out.push(serializeNumber(value, path));
      return;
    case 'string':
      out.push(serializeString(value, path));
      return;
    case 'object':
      writeContainer(value, out, ancestors, path);
      return;
    default:
      // undefined, functions, symbols and bigints have no JSON form; JSON.stringify would drop or
      // throw inconsistently, and a dropped field would be silently missing from the signature.
      throw new EApplicationError('jcs.unsupported_type', `${typeof value} at ${path} has no JSON form`);
  }
}

function writeContainer(value: object, out: string[], ancestors: Set<object>, path: string): void {
  // Only the path from the root counts: the same object appearing twice side by side is fine.
  if (ancestors.has(value)) throw new EApplicationError('jcs.cycle', `cycle at ${path}`);
  ancestors.add(value);
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      // Indexing (not forEach) so holes in sparse arrays surface as undefined and are refused.
      write(value[i], out, ancestors, `${path}[${i}]`);
    }
    out.push(']');
  } else {
    if (!isPlainObject(value)) {
      // Dates, Maps, typed arrays… would serialise through toJSON or as {}: not what the caller meant.
      throw new EApplicationError('jcs.unsupported_type', `non-plain object at ${path}`);
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    out.push('{');
    keys.forEach((key, i) => {
      if (i > 0) out.push(',');
      out.push(serializeString(key, `${path} key`), ':');
      write(record[key], out, ancestors, `${path}.${key}`);
    });
    out.push('}');
  }
  ancestors.delete(value);
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function serializeNumber(value: number, path: string): string {
  if (!Number.isFinite(value)) {
    throw new EApplicationError('jcs.non_finite', `${value} at ${path} is not an I-JSON number`);
  }
  // JSON.stringify(-0) is already "0", as RFC 8785 §3.2.2.3 requires.
  return JSON.stringify(value);
}

function serializeString(value: string, path: string): string {
  // JSON.stringify escapes a lone surrogate as \udXXX, which is valid JSON but not Unicode: RFC 8785
  // §3.1 requires strings expressible as Unicode, so refuse rather than sign something unreadable.
  if (!value.isWellFormed()) throw new EApplicationError('jcs.lone_surrogate', `lone surrogate at ${path}`);
  return JSON.stringify(value);
}
