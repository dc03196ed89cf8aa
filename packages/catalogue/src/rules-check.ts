import { argsOf, operatorOf, type Rule, ruleOperators } from './rules.ts';

/**
 * Publishing-time check of a rule: every operator is in the supported subset with a sensible number of
 * arguments, so a typo in a municipality's definition fails when it is uploaded, not when a resident
 * answers the questions. Paths are JSON Pointers (RFC 6901) into the rule.
 */

export interface RuleIssue {
  path: string;
  code: 'unknown_operator' | 'not_operation' | 'arity' | 'too_deep';
  message: string;
}

const arity: Record<string, [number, number]> = {
  var: [0, 2],
  missing: [1, Number.POSITIVE_INFINITY],
  '==': [2, 2],
  '!=': [2, 2],
  '===': [2, 2],
  '!==': [2, 2],
  '<': [2, 3],
  '<=': [2, 3],
  '>': [2, 2],
  '>=': [2, 2],
  '!': [1, 1],
  '!!': [1, 1],
  and: [1, Number.POSITIVE_INFINITY],
  or: [1, Number.POSITIVE_INFINITY],
  if: [1, Number.POSITIVE_INFINITY],
  in: [2, 2],
  cat: [0, Number.POSITIVE_INFINITY],
  '+': [1, Number.POSITIVE_INFINITY],
  '*': [1, Number.POSITIVE_INFINITY],
  '-': [1, 2],
  '/': [2, 2],
  '%': [2, 2],
  min: [1, Number.POSITIVE_INFINITY],
  max: [1, Number.POSITIVE_INFINITY],
  some: [2, 2],
  all: [2, 2],
  none: [2, 2],
};

/** Deep enough for any real condition; stops a hostile upload from blowing the stack. */
const maxDepth = 32;

const escapePointer = (key: string): string => key.replaceAll('~', '~0').replaceAll('/', '~1');

export function checkRule(rule: Rule, path = ''): RuleIssue[] {
  const issues: RuleIssue[] = [];
  walk(rule, path, 0, issues);
  return issues;
}

function walk(rule: Rule, path: string, depth: number, issues: RuleIssue[]): void {
  if (depth > maxDepth) {
    issues.push({ path, code: 'too_deep', message: `rule nests deeper than ${maxDepth}` });
    return;
  }
  if (Array.isArray(rule)) {
    for (const [i, r] of rule.entries()) walk(r, `${path}/${i}`, depth + 1, issues);
    return;
  }
  if (rule === null || typeof rule !== 'object') return;
  const op = operatorOf(rule);
  if (op === null) {
    issues.push({
      path,
      code: 'not_operation',
      message: 'an object in a rule must have exactly one key, the operator',
    });
    return;
  }
  const opPath = `${path}/${escapePointer(op)}`;
  if (!ruleOperators.includes(op)) {
    issues.push({ path: opPath, code: 'unknown_operator', message: `unknown operator "${op}"` });
    return;
  }
  const raw = (rule as Record<string, unknown>)[op];
  const args = argsOf(rule, op);
  const [min, max] = arity[op] ?? [0, Number.POSITIVE_INFINITY];
  if (args.length < min || args.length > max) {
    issues.push({
      path: opPath,
      code: 'arity',
      message: `"${op}" takes ${min}–${max} arguments, got ${args.length}`,
    });
  }
  if (!Array.isArray(raw)) {
    walk(raw, opPath, depth + 1, issues);
    return;
  }
  for (const [i, a] of raw.entries()) walk(a, `${opPath}/${i}`, depth + 1, issues);
}
