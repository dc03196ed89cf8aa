import { createHash } from 'node:crypto';
import { Ajv, type ValidateFunction } from 'ajv';

/**
 * One Ajv for every published form, draft-07, all errors. Compiled validators are cached by the hash of
 * the schema, so the same form offered by 1,700 municipalities compiles once, and a definition that is
 * rebuilt per request (kosodateServicesFor) does not recompile.
 */

const ajv = new Ajv({ allErrors: true, strict: true, unicodeRegExp: true });

// Only the two formats forms use; ajv-formats is not a dependency and would add dozens we never check.
ajv.addFormat('date', {
  type: 'string',
  validate(s: string) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.toISOString().slice(0, 10) === s;
  },
});
ajv.addFormat('email', /^[^@\s]+@[^@\s]+\.[^@\s]+$/);

/** Ceilings applied where a schema forgot them: a form never accepts an unbounded string or list. */
export const defaultMaxLength = 1000;
export const defaultMaxItems = 50;

type Json = Record<string, unknown>;

const verbatim = new Set(['enum', 'const', 'default', 'examples', 'if', 'then', 'else', 'not']);
/** Keywords whose value maps names to schemas: the names are data, never keywords. */
const schemaMaps = new Set(['properties', 'patternProperties', 'definitions']);

/** A copy of `schema` with every object closed and every string and array bounded. */
export function hardenSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(hardenSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Json = {};
  for (const [k, v] of Object.entries(schema)) {
    // enum/const/default/examples hold data; if/then/else/not are conditions, where closing an object
    // would change what the condition matches.
    if (verbatim.has(k)) out[k] = v;
    else if (schemaMaps.has(k) && v && typeof v === 'object') {
      out[k] = Object.fromEntries(Object.entries(v).map(([name, sub]) => [name, hardenSchema(sub)]));
    } else out[k] = hardenSchema(v);
  }
  const types = ([] as unknown[]).concat(out.type ?? []);
  if (types.includes('object') && out.additionalProperties === undefined) out.additionalProperties = false;
  if (types.includes('string') && out.maxLength === undefined && out.enum === undefined)
    out.maxLength = defaultMaxLength;
  if (types.includes('array') && out.maxItems === undefined) out.maxItems = defaultMaxItems;
  return out;
}

const cache = new Map<string, ValidateFunction>();
// Hashing an 8 KB schema costs more than validating a form, so the same object skips the hash.
const byObject = new WeakMap<object, ValidateFunction>();

/** The compiled validator of a form schema. Throws (Ajv's error) when the schema does not compile. */
export function compiledForm(schema: object): ValidateFunction {
  const known = byObject.get(schema);
  if (known) return known;
  const key = createHash('sha256').update(JSON.stringify(schema)).digest('base64url');
  let fn = cache.get(key);
  if (!fn) {
    const hardened = hardenSchema(schema) as Json;
    delete hardened.$id;
    fn = ajv.compile(hardened);
    cache.set(key, fn);
  }
  byObject.set(schema, fn);
  return fn;
}

export function compiledFormCount(): number {
  return cache.size;
}
