/**
 * A JSON Logic (jsonlogic.com) evaluator for the subset eligibility and document conditions need:
 *   var (dot paths, array indices, default), missing,
 *   == != === !== (JavaScript equality, as the spec defines them), < <= (also 3-argument "between"), > >=,
 *   ! !!, and or (short-circuit, return the deciding value), if (chained else-if),
 *   in (substring or array member), cat, + - * / % (numeric casting like the reference), min max,
 *   some all none (the predicate sees each element as its data).
 * Semantics follow json-logic-js, with one deliberate change: `var` reads own properties only, so a
 * published rule cannot reach `__proto__` or `constructor` of the resident's data.
 */

export type Rule = unknown;
type Data = unknown;
type Op = (args: readonly Rule[], data: Data) => unknown;

/** JSON Logic truthiness: like JavaScript, except an empty array is false. */
export function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return Boolean(v);
}

function readVar(data: Data, path: unknown, notFound: unknown): unknown {
  if (path === '' || path === null || path === undefined) return data;
  let cur: unknown = data;
  for (const key of String(path).split('.')) {
    if (cur === null || cur === undefined) return notFound;
    const box: object = Object(cur);
    if (!Object.hasOwn(box, key)) return notFound;
    cur = (box as Record<string, unknown>)[key];
    if (cur === undefined) return notFound;
  }
  return cur;
}

const num = (v: unknown): number => Number.parseFloat(String(v));
// Comparison keeps JavaScript's coercions ("2" < 10), which the published JSON Logic tests rely on.
const lt = (a: unknown, b: unknown): boolean => (a as number) < (b as number);
const le = (a: unknown, b: unknown): boolean => (a as number) <= (b as number);

function filterArray(args: readonly Rule[], data: Data): unknown[] {
  const scoped = apply(args[0], data);
  if (!Array.isArray(scoped)) return [];
  return scoped.filter((item) => truthy(apply(args[1], item)));
}

/** Operators whose arguments are evaluated lazily (they get the raw rules). */
const lazy: Record<string, Op> = {
  and(args, data) {
    let last: unknown = null;
    for (const a of args) {
      last = apply(a, data);
      if (!truthy(last)) return last;
    }
    return last;
  },
  or(args, data) {
    let last: unknown = null;
    for (const a of args) {
      last = apply(a, data);
      if (truthy(last)) return last;
    }
    return last;
  },
  if(args, data) {
    let i = 0;
    for (; i < args.length - 1; i += 2) {
      if (truthy(apply(args[i], data))) return apply(args[i + 1], data);
    }
    return i === args.length - 1 ? apply(args[i], data) : null;
  },
  some: (args, data) => filterArray(args, data).length > 0,
  none: (args, data) => filterArray(args, data).length === 0,
  all(args, data) {
    const scoped = apply(args[0], data);
    if (!Array.isArray(scoped) || scoped.length === 0) return false;
    return scoped.every((item) => truthy(apply(args[1], item)));
  },
};

/** Operators that take evaluated arguments. */
const eager: Record<string, Op> = {
  var: (a, data) => readVar(data, a[0], a.length > 1 ? a[1] : null),
  missing(a, data) {
    const keys = Array.isArray(a[0]) ? (a[0] as unknown[]) : a;
    return keys.filter((k) => {
      const v = readVar(data, k, null);
      return v === null || v === '';
    });
  },
  // biome-ignore lint/suspicious/noDoubleEquals: JSON Logic's == is JavaScript loose equality by definition.
  '==': (a) => a[0] == a[1],
  // biome-ignore lint/suspicious/noDoubleEquals: as above.
  '!=': (a) => a[0] != a[1],
  '===': (a) => a[0] === a[1],
  '!==': (a) => a[0] !== a[1],
  '<': (a) => (a.length === 3 ? lt(a[0], a[1]) && lt(a[1], a[2]) : lt(a[0], a[1])),
  '<=': (a) => (a.length === 3 ? le(a[0], a[1]) && le(a[1], a[2]) : le(a[0], a[1])),
  '>': (a) => lt(a[1], a[0]),
  '>=': (a) => le(a[1], a[0]),
  '!': (a) => !truthy(a[0]),
  '!!': (a) => truthy(a[0]),
  in(a) {
    const hay = a[1];
    if (typeof hay === 'string') return hay.includes(String(a[0]));
    if (Array.isArray(hay)) return hay.includes(a[0]);
    return false;
  },
  cat: (a) => a.map((v) => String(v)).join(''),
  '+': (a) => a.reduce<number>((s, v) => s + num(v), 0),
  '*': (a) => a.reduce<number>((s, v) => s * num(v), 1),
  // The reference casts with parseFloat for + and *, and plain JavaScript coercion for the rest.
  '-': (a) => (a.length === 1 ? -Number(a[0]) : Number(a[0]) - Number(a[1])),
  '/': (a) => Number(a[0]) / Number(a[1]),
  '%': (a) => Number(a[0]) % Number(a[1]),
  min: (a) => Math.min(...a.map(Number)),
  max: (a) => Math.max(...a.map(Number)),
};

export const ruleOperators: readonly string[] = [...Object.keys(lazy), ...Object.keys(eager)];

/** The single key of an operation object, or null when `rule` is a literal. */
export function operatorOf(rule: Rule): string | null {
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) return null;
  const keys = Object.keys(rule);
  return keys.length === 1 ? (keys[0] as string) : null;
}

/** Arguments of an operation; a non-array argument is the single argument (`{"var":"a"}`). */
export function argsOf(rule: Rule, op: string): readonly Rule[] {
  const raw = (rule as Record<string, unknown>)[op];
  return Array.isArray(raw) ? raw : [raw];
}

export class UnknownOperatorError extends Error {
  readonly operator: string;
  constructor(operator: string) {
    super(`unknown JSON Logic operator: ${operator}`);
    this.name = 'UnknownOperatorError';
    this.operator = operator;
  }
}

/** Evaluates `rule` against `data`. Throws UnknownOperatorError for an operator outside the subset. */
export function apply(rule: Rule, data: Data = null): unknown {
  if (Array.isArray(rule)) return rule.map((r) => apply(r, data));
  const op = operatorOf(rule);
  if (op === null) return rule;
  const args = argsOf(rule, op);
  const l = Object.hasOwn(lazy, op) ? lazy[op] : undefined;
  if (l) return l(args, data);
  const e = Object.hasOwn(eager, op) ? eager[op] : undefined;
  if (!e) throw new UnknownOperatorError(op);
  return e(
    args.map((a) => apply(a, data)),
    data,
  );
}

/** Every `var` path a rule reads (static; used to tell "answer missing" from "not eligible"). */
export function varsOf(rule: Rule, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(rule)) {
    for (const r of rule) varsOf(r, out);
    return out;
  }
  const op = operatorOf(rule);
  if (op === null) return out;
  const args = argsOf(rule, op);
  if (op === 'var' && (typeof args[0] === 'string' || typeof args[0] === 'number')) out.add(String(args[0]));
  // some/all/none predicates read the element, not the resident's data.
  const scoped = op === 'some' || op === 'all' || op === 'none' ? args.slice(0, 1) : args;
  for (const a of scoped) varsOf(a, out);
  return out;
}
