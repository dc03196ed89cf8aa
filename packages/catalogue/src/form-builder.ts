import type { FormDefinition, LocalText, UiField, UiSection } from './service-definition.ts';

/**
 * Builds a definition's form so that the JSON Schema and the UI come from one description and cannot
 * drift: each field states its value schema, whether it is required and how it is shown.
 */

export type JsonSchema = Record<string, unknown>;

export interface Part {
  schema: JsonSchema;
  required: boolean;
  field: UiField;
}

export const t = (ja: string, en: string): LocalText => ({ ja, en });

type FieldOptions = {
  required?: boolean;
  help?: LocalText;
  autocomplete?: string;
  when?: unknown;
};

function part(
  name: string,
  widget: UiField['widget'],
  label: LocalText,
  schema: JsonSchema,
  o: FieldOptions,
): Part {
  const field: UiField = { name, widget, label };
  if (o.help) field.help = o.help;
  if (o.autocomplete) field.autocomplete = o.autocomplete;
  if (o.when !== undefined) field.when = o.when;
  return { schema, required: o.required ?? true, field };
}

export const text = (name: string, label: LocalText, max = 100, o: FieldOptions = {}): Part =>
  part(name, 'text', label, { type: 'string', minLength: 1, maxLength: max }, o);

export const textarea = (name: string, label: LocalText, max = 1000, o: FieldOptions = {}): Part =>
  part(name, 'textarea', label, { type: 'string', maxLength: max }, { required: false, ...o });

/** 全角カタカナ, with 長音 and spaces, as 様式 フリガナ欄 expect. */
export const kana = (name: string, label: LocalText, o: FieldOptions = {}): Part =>
  part(name, 'kana', label, { type: 'string', pattern: '^[ァ-ヶー　 ]+$', minLength: 1, maxLength: 100 }, o);

/** Digits only (口座番号, 個人番号 …). */
export const digits = (name: string, label: LocalText, n: number, o: FieldOptions = {}): Part =>
  part(name, 'text', label, { type: 'string', pattern: `^[0-9]{${n}}$` }, o);

export const date = (name: string, label: LocalText, o: FieldOptions = {}): Part => {
  const p = part(name, 'date', label, { type: 'string', format: 'date' }, o);
  p.field.calendar = 'both';
  return p;
};

export const integer = (
  name: string,
  label: LocalText,
  min: number,
  max: number,
  o: FieldOptions = {},
): Part => part(name, 'number', label, { type: 'integer', minimum: min, maximum: max }, o);

export const postalCode = (name: string, label: LocalText, o: FieldOptions = {}): Part =>
  part(
    name,
    'postal-code',
    label,
    { type: 'string', pattern: '^[0-9]{3}-?[0-9]{4}$' },
    { autocomplete: 'postal-code', ...o },
  );

export const phone = (name: string, label: LocalText, o: FieldOptions = {}): Part =>
  part(
    name,
    'phone',
    label,
    { type: 'string', pattern: '^0[0-9]{1,4}-?[0-9]{1,4}-?[0-9]{3,4}$' },
    { autocomplete: 'tel', ...o },
  );

export const email = (name: string, label: LocalText, o: FieldOptions = {}): Part =>
  part(
    name,
    'email',
    label,
    { type: 'string', format: 'email', maxLength: 254 },
    { autocomplete: 'email', ...o },
  );

export const checkbox = (name: string, label: LocalText, o: FieldOptions = {}): Part =>
  part(name, 'checkbox', label, { type: 'boolean' }, o);

/** A box that must be ticked (誓約, 同意). */
export const pledge = (name: string, label: LocalText, o: FieldOptions = {}): Part =>
  part(name, 'checkbox', label, { type: 'boolean', const: true }, o);

export type Choice = readonly [value: string | boolean, ja: string, en: string];

const choiceOptions = (choices: readonly Choice[]) =>
  choices.map(([value, ja, en]) => ({ value, label: t(ja, en) }));

function choice(
  widget: 'radio' | 'select',
  name: string,
  label: LocalText,
  choices: readonly Choice[],
  o: FieldOptions,
): Part {
  const values = choices.map((c) => c[0]);
  const type = typeof values[0] === 'boolean' ? 'boolean' : 'string';
  const p = part(name, widget, label, { type, enum: values }, o);
  p.field.options = choiceOptions(choices);
  return p;
}

export const radio = (
  name: string,
  label: LocalText,
  choices: readonly Choice[],
  o: FieldOptions = {},
): Part => choice('radio', name, label, choices, o);
export const select = (
  name: string,
  label: LocalText,
  choices: readonly Choice[],
  o: FieldOptions = {},
): Part => choice('select', name, label, choices, o);

/** Several ticks from a list: the value is the array of chosen codes. */
export const multi = (
  name: string,
  label: LocalText,
  choices: readonly Choice[],
  o: FieldOptions = {},
): Part => {
  const values = choices.map((c) => c[0]);
  const p = part(
    name,
    'checkbox',
    label,
    { type: 'array', items: { type: 'string', enum: values }, uniqueItems: true, maxItems: values.length },
    o,
  );
  p.field.options = choiceOptions(choices);
  return p;
};

export const yesNo: readonly Choice[] = [
  [true, 'はい', 'Yes'],
  [false, 'いいえ', 'No'],
];

export interface SectionSpec {
  id: string;
  title: LocalText;
  help?: LocalText;
  parts: Part[];
  /** Fields live in this object property. */
  group?: string;
  /** Fields repeat per item of this array property. */
  repeat?: { property: string; itemTitle: LocalText; min: number; max: number };
  /** For group/repeat sections: required only when the top-level `property` equals `equals`. */
  requiredWhen?: { property: string; equals: string | boolean };
  /** Group/repeat section not required at all (e.g. 年長の子 may be none). */
  optional?: boolean;
}

function objectOf(parts: Part[]): JsonSchema {
  const required = parts.filter((p) => p.required).map((p) => p.field.name);
  const properties = Object.fromEntries(parts.map((p) => [p.field.name, p.schema]));
  return {
    type: 'object',
    properties,
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}

export function section(spec: SectionSpec): SectionSpec {
  return spec;
}

export function buildForm(specs: readonly SectionSpec[]): FormDefinition {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  const allOf: JsonSchema[] = [];
  const sections: UiSection[] = [];
  for (const s of specs) {
    const ui: UiSection = { id: s.id, title: s.title, fields: s.parts.map((p) => p.field) };
    if (s.help) ui.help = s.help;
    const key = s.group ?? s.repeat?.property;
    if (s.group) ui.group = s.group;
    if (s.repeat) ui.repeat = { property: s.repeat.property, itemTitle: s.repeat.itemTitle };
    if (key === undefined) {
      for (const p of s.parts) {
        properties[p.field.name] = p.schema;
        if (p.required) required.push(p.field.name);
      }
    } else {
      const item = objectOf(s.parts);
      properties[key] = s.repeat
        ? { type: 'array', items: item, minItems: s.repeat.min, maxItems: s.repeat.max }
        : item;
      if (s.requiredWhen) {
        const { property, equals } = s.requiredWhen;
        allOf.push({
          if: { type: 'object', properties: { [property]: { const: equals } }, required: [property] },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a thenable.
          then: { type: 'object', properties: { [key]: true }, required: [key] },
        });
        ui.when = { '===': [{ var: `form.${property}` }, equals] };
      } else if (!s.optional) {
        required.push(key);
      }
    }
    sections.push(ui);
  }
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#' as const,
    type: 'object' as const,
    properties,
    required,
    additionalProperties: false as const,
    ...(allOf.length ? { allOf } : {}),
  };
  return { schema, ui: { sections } };
}

/** Clock time, 24-hour HH:MM (勤務時間). */
export const timeOfDay = (name: string, label: LocalText, o: FieldOptions = {}): Part =>
  part(name, 'text', label, { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }, o);

/**
 * A choice whose options the back office serves at render time (面談 slots): the value is the option's
 * opaque id, and the agency re-checks at submission that the slot is still free.
 */
export const servedChoice = (name: string, label: LocalText, path: string, o: FieldOptions = {}): Part => {
  const p = part(name, 'radio', label, { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' }, o);
  p.field.optionsFrom = { kind: 'interview-slots', path };
  return p;
};
