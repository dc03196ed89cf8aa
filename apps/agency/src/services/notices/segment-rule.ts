/**
 * Segment rules (docs/notices.md "Sending"): data, not code. A rule is a tree of `all` / `any` / `not`
 * over conditions `{ field, op, value }` on a closed list of fields the agency really holds: the
 * resident record (住民基本台帳: municipality, birth date, sex, household) and the information records
 * it keeps for exchange (info_record: type and as-of date). Validation names the failing JSON path;
 * data/notice-recipients.ts compiles a valid rule to one parameterised query.
 */
import { AppError, type FieldError, fieldError } from '@madoguchi/errors';
import { INFO_TYPES, type InfoTypeCode, isInfoType } from '@madoguchi/reference';

/** How a field's values are compared; each kind allows its own operators. */
type FieldKind = 'code' | 'int' | 'month' | 'info_type';

interface FieldSpec {
  kind: FieldKind;
  /** Needs the resident record (a municipality); other agencies only hold copies by link code. */
  resident: boolean;
  min?: number;
  max?: number;
  values?: readonly string[];
  doc: string;
}

export const segmentFields = {
  'resident.municipality': {
    kind: 'code',
    resident: true,
    doc: '住所地の団体コード (6 digits) / municipality code of the address',
  },
  'resident.ageYears': { kind: 'int', resident: true, min: 0, max: 130, doc: '年齢（歳）/ age in years' },
  'resident.ageMonths': { kind: 'int', resident: true, min: 0, max: 1560, doc: '月齢 / age in months' },
  'resident.sex': {
    kind: 'code',
    resident: true,
    values: ['male', 'female', 'other'],
    doc: '性別 / sex (male, female, other)',
  },
  'resident.relationship': {
    kind: 'code',
    resident: true,
    values: ['head', 'spouse', 'child', 'parent', 'other'],
    doc: '続柄 / relationship to the household head',
  },
  'household.childAgeMonths': {
    kind: 'int',
    resident: true,
    min: 0,
    max: 240,
    doc: '世帯主で、この月齢の子がいる / the householder of a child of this age in months',
  },
  'household.childAgeYears': {
    kind: 'int',
    resident: true,
    min: 0,
    max: 20,
    doc: '世帯主で、この年齢の子がいる / the householder of a child of this age in years',
  },
  'benefit.kind': {
    kind: 'info_type',
    resident: false,
    doc: '保有する情報の種類（児童扶養手当など）/ holds a record of this type (e.g. 児童扶養手当)',
  },
  'benefit.month': {
    kind: 'month',
    resident: false,
    doc: '記録の基準月 (YYYY-MM); with benefit.kind in the same `all`, the same record',
  },
} as const satisfies Record<string, FieldSpec>;

export type SegmentField = keyof typeof segmentFields;

const opsByKind: Record<FieldKind, readonly string[]> = {
  code: ['eq', 'ne', 'in'],
  info_type: ['eq', 'in'],
  int: ['eq', 'ne', 'in', 'lt', 'lte', 'gt', 'gte', 'between'],
  month: ['eq', 'between'],
};

export type SegmentOp = 'eq' | 'ne' | 'in' | 'lt' | 'lte' | 'gt' | 'gte' | 'between';

/** A validated condition: values normalised (info types as codes, sexes as 1|2|3). */
export type Condition =
  | { field: SegmentField; op: 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte'; value: string | number }
  | { field: SegmentField; op: 'in'; value: (string | number)[] }
  | { field: SegmentField; op: 'between'; value: [string | number, string | number] };

export type SegmentRule = { all: SegmentRule[] } | { any: SegmentRule[] } | { not: SegmentRule } | Condition;

export const RULE_LIMITS = { depth: 6, nodes: 64, inValues: 200 } as const;

const msg = (ja: string, en: string) => ({ ja, en });
const sexCodes: Record<string, number> = { male: 1, female: 2, other: 3 };

/** 児童扶養手当, 児童扶養手当関係情報 or jidou-fuyou-teate → jidou-fuyou-teate. */
export function infoTypeFromName(name: string): InfoTypeCode | undefined {
  if (isInfoType(name)) return name;
  for (const [code, ja] of Object.entries(INFO_TYPES))
    if (ja === name || ja === `${name}関係情報`) return code as InfoTypeCode;
  return undefined;
}

function isRealMonth(s: string): boolean {
  const m = /^([0-9]{4})-([0-9]{2})$/.exec(s);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[1]) >= 1900;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

class Checker {
  problems: FieldError[] = [];
  nodes = 0;
  readonly residentFields: boolean;
  constructor(residentFields: boolean) {
    this.residentFields = residentFields;
  }

  fail(path: string, code: string, ja: string, en: string): undefined {
    this.problems.push(fieldError(path, code, msg(ja, en)));
    return undefined;
  }

  node(v: unknown, path: string, depth: number): SegmentRule | undefined {
    if (++this.nodes > RULE_LIMITS.nodes)
      return this.fail(path, 'maxNodes', '条件が多すぎます。', `At most ${RULE_LIMITS.nodes} conditions.`);
    if (depth > RULE_LIMITS.depth)
      return this.fail(path, 'maxDepth', '条件の入れ子が深すぎます。', 'The rule is nested too deeply.');
    if (!isObject(v))
      return this.fail(path, 'type', '条件はオブジェクトで指定してください。', 'A rule must be an object.');
    const keys = Object.keys(v);
    for (const combinator of ['all', 'any'] as const)
      if (combinator in v) {
        if (keys.length !== 1)
          return this.fail(
            path,
            'additionalProperties',
            `${combinator} 以外の項目は指定できません。`,
            `Only "${combinator}" may appear here.`,
          );
        const list = v[combinator];
        if (!Array.isArray(list) || list.length === 0)
          return this.fail(
            `${path}/${combinator}`,
            'minItems',
            '1つ以上の条件を指定してください。',
            'Give at least one condition.',
          );
        const children = list.map((c, i) => this.node(c, `${path}/${combinator}/${i}`, depth + 1));
        if (children.some((c) => c === undefined)) return undefined;
        return (combinator === 'all' ? { all: children } : { any: children }) as SegmentRule;
      }
    if ('not' in v) {
      if (keys.length !== 1)
        return this.fail(
          path,
          'additionalProperties',
          'not 以外の項目は指定できません。',
          'Only "not" may appear here.',
        );
      const inner = this.node(v.not, `${path}/not`, depth + 1);
      return inner === undefined ? undefined : { not: inner };
    }
    return this.condition(v, path);
  }

  condition(v: Record<string, unknown>, path: string): Condition | undefined {
    const extra = Object.keys(v).find((k) => k !== 'field' && k !== 'op' && k !== 'value');
    if (extra !== undefined)
      return this.fail(
        `${path}/${extra}`,
        'additionalProperties',
        'この項目は指定できません。',
        'Unknown property (use all, any, not or field/op/value).',
      );
    const { field, op, value } = v;
    if (typeof field !== 'string' || !Object.hasOwn(segmentFields, field))
      return this.fail(
        `${path}/field`,
        'enum',
        '条件に使えない項目です。',
        `Unknown field; use one of ${Object.keys(segmentFields).join(', ')}.`,
      );
    const spec: FieldSpec = segmentFields[field as SegmentField];
    if (spec.resident && !this.residentFields)
      return this.fail(
        `${path}/field`,
        'unavailable',
        'この団体は住民記録を保有していないため、この項目は使えません。',
        'This agency holds no resident records, so this field cannot be used.',
      );
    const ops = opsByKind[spec.kind];
    if (typeof op !== 'string' || !ops.includes(op))
      return this.fail(
        `${path}/op`,
        'enum',
        'この項目に使えない比較です。',
        `Use one of ${ops.join(', ')} with this field.`,
      );
    const vpath = `${path}/value`;
    if (op === 'in') {
      if (!Array.isArray(value) || value.length === 0 || value.length > RULE_LIMITS.inValues)
        return this.fail(
          vpath,
          'type',
          '値を1つ以上の配列で指定してください。',
          `Give an array of 1 to ${RULE_LIMITS.inValues} values.`,
        );
      const out = value.map((x, i) => this.scalar(spec, x, `${vpath}/${i}`));
      return out.every((x) => x !== undefined) ? { field: field as SegmentField, op, value: out } : undefined;
    }
    if (op === 'between') {
      if (!Array.isArray(value) || value.length !== 2)
        return this.fail(vpath, 'type', '値を [下限, 上限] の形で指定してください。', 'Give [from, to].');
      const lo = this.scalar(spec, value[0], `${vpath}/0`);
      const hi = this.scalar(spec, value[1], `${vpath}/1`);
      if (lo === undefined || hi === undefined) return undefined;
      if (lo > hi)
        return this.fail(
          vpath,
          'range',
          '下限が上限より大きくなっています。',
          'The lower bound is above the upper bound.',
        );
      return { field: field as SegmentField, op, value: [lo, hi] };
    }
    const one = this.scalar(spec, value, vpath);
    return one === undefined
      ? undefined
      : { field: field as SegmentField, op: op as 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte', value: one };
  }

  scalar(spec: FieldSpec, v: unknown, path: string): string | number | undefined {
    switch (spec.kind) {
      case 'int':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < (spec.min ?? 0) || v > (spec.max ?? 0))
          return this.fail(
            path,
            'range',
            `${spec.min}〜${spec.max} の整数で指定してください。`,
            `Give a whole number from ${spec.min} to ${spec.max}.`,
          );
        return v;
      case 'month':
        if (typeof v !== 'string' || !isRealMonth(v))
          return this.fail(
            path,
            'pattern',
            '年月を YYYY-MM の形で指定してください。',
            'Give a month as YYYY-MM.',
          );
        return v;
      case 'info_type': {
        const code = typeof v === 'string' ? infoTypeFromName(v) : undefined;
        if (code === undefined)
          return this.fail(path, 'enum', '情報の種類が正しくありません。', 'Unknown information type.');
        return code;
      }
      default: {
        if (spec.values) {
          if (typeof v !== 'string' || !spec.values.includes(v))
            return this.fail(path, 'enum', '値が正しくありません。', `Use one of ${spec.values.join(', ')}.`);
          return spec.values === segmentFields['resident.sex'].values ? (sexCodes[v] as number) : v;
        }
        if (typeof v !== 'string' || !/^[0-9]{6}$/.test(v))
          return this.fail(
            path,
            'pattern',
            '団体コードを6桁の数字で指定してください。',
            'Give a 6-digit municipality code.',
          );
        return v;
      }
    }
  }
}

/**
 * Checks a rule from a request and returns it normalised. `path` is where the rule sits in the request
 * (e.g. `/body/audience/rule`); every problem found is reported with its own path in one 400.
 */
export function validateSegmentRule(rule: unknown, path: string, residentFields: boolean): SegmentRule {
  const checker = new Checker(residentFields);
  const out = checker.node(rule, path, 1);
  if (out === undefined || checker.problems.length > 0)
    throw new AppError('validation.failed', { fields: checker.problems });
  return out;
}
