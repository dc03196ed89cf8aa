/**
 * From a posted HTML form to the JSON value the definition's schema describes, and back. Inputs are
 * named by the JSON Pointer of their value (`/children/0/birthDate`), so an error's path is also the
 * input's name and the summary can link to it. Conversion never fails: whatever cannot be typed is
 * kept as the text the resident entered, so a draft saves anything and validation reports it.
 */
import {
  type EraName,
  eras,
  type FormDefinition,
  schemaAt,
  sectionBase,
  type UiField,
  type UiSection,
  warekiToIso,
} from '@madoguchi/catalogue';

export type PostedForm = Record<string, string | string[] | undefined>;
type Json = Record<string, unknown>;

/** Upper bound of rows for a repeat section whose schema sets none (validate-form hardens to 50). */
const DEFAULT_MAX_ROWS = 50;

export const eraNames: readonly EraName[] = eras.map((e) => e.name);

/** The HTML id of the input holding the value at a JSON Pointer (and the error summary's anchor). */
export function fieldId(pointer: string): string {
  return `f${pointer.replaceAll('/', '-')}`;
}

function first(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

function all(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export function rowLimits(form: FormDefinition, section: UiSection): { min: number; max: number } {
  const s = section.repeat ? schemaAt(form.schema, `/${section.repeat.property}`) : null;
  const min = typeof s?.minItems === 'number' ? s.minItems : 0;
  const max = typeof s?.maxItems === 'number' ? s.maxItems : DEFAULT_MAX_ROWS;
  return { min, max };
}

/** 和暦 parts of a date input: `<pointer>:era`, `:year`, `:month`, `:day`. */
export const warekiPart = (pointer: string, part: 'era' | 'year' | 'month' | 'day') => `${pointer}:${part}`;

/**
 * A date comes as 西暦 text (yyyy-mm-dd) or as 和暦 parts. The parts win when any is filled: the page
 * shows a saved date in the 西暦 box only, so filled parts are what the resident just typed.
 */
function dateValue(body: PostedForm, pointer: string, field: UiField): string | undefined {
  const parts = (['era', 'year', 'month', 'day'] as const).map((p) =>
    first(body[warekiPart(pointer, p)]).normalize('NFKC').trim(),
  );
  const [era, year, month, day] = parts as [string, string, string, string];
  if (field.calendar !== 'seireki' && parts.some((p) => p !== '')) {
    const y = year === '元' ? 1 : Number(year);
    const iso = eraNames.includes(era as EraName)
      ? warekiToIso(era as EraName, y, Number(month), Number(day))
      : null;
    // An impossible era date stays as typed; the schema's `format: date` then reports it.
    return iso ?? `${era}${year}年${month}月${day}日`;
  }
  const text = first(body[pointer]).normalize('NFKC').trim().replaceAll('/', '-');
  return text === '' ? undefined : text;
}

function typedValue(body: PostedForm, pointer: string, field: UiField, schema: Json | null): unknown {
  if (field.widget === 'date') return dateValue(body, pointer, field);
  const type = schema?.type;
  if (type === 'array') return all(body[pointer]).filter((v) => v !== '');
  if (field.widget === 'checkbox' && type === 'boolean') return first(body[pointer]) === 'true';
  const raw = first(body[pointer]).trim();
  if (raw === '') return undefined;
  if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  if (type === 'integer' || type === 'number') {
    const n = raw.normalize('NFKC').replaceAll(',', '');
    return /^-?[0-9]+(\.[0-9]+)?$/.test(n) ? Number(n) : raw;
  }
  // Full-width digits and hyphens are what Japanese IMEs type into number-like fields.
  const numeric = typeof schema?.pattern === 'string' && schema.pattern.startsWith('^[0-9]');
  if (numeric || ['postal-code', 'phone', 'email'].includes(field.widget)) return raw.normalize('NFKC');
  return raw;
}

function objectOf(body: PostedForm, form: FormDefinition, base: string, fields: UiField[], pattern: string) {
  const out: Json = {};
  for (const field of fields) {
    const value = typedValue(
      body,
      `${base}/${field.name}`,
      field,
      schemaAt(form.schema, `${pattern}/${field.name}`),
    );
    if (value !== undefined) out[field.name] = value;
  }
  return out;
}

/** Rows the page showed for a repeat section (a hidden `rows:<property>` input), clamped to the schema. */
export function postedRows(body: PostedForm, form: FormDefinition, section: UiSection): number {
  const { max } = rowLimits(form, section);
  const n = Number(first(body[`rows:${section.repeat?.property}`]));
  return Number.isInteger(n) && n >= 0 ? Math.min(n, max) : 0;
}

export function answersFromForm(form: FormDefinition, body: PostedForm): Json {
  const answers: Json = {};
  for (const section of form.ui.sections) {
    if (section.repeat) {
      const property = section.repeat.property;
      const rows = postedRows(body, form, section);
      answers[property] = Array.from({ length: rows }, (_, i) =>
        objectOf(body, form, `/${property}/${i}`, section.fields, sectionBase(section)),
      );
    } else if (section.group) {
      answers[section.group] = objectOf(body, form, `/${section.group}`, section.fields, `/${section.group}`);
    } else {
      Object.assign(answers, objectOf(body, form, '', section.fields, ''));
    }
  }
  return answers;
}

const isBlank = (v: unknown): boolean =>
  v === undefined ||
  v === false ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isBlank));

/**
 * Before validation: rows left empty and groups not filled in (配偶者 when there is none) are dropped,
 * so an unused row is not reported as a row of missing fields.
 */
export function compactAnswers(form: FormDefinition, answers: Json): Json {
  const out: Json = { ...answers };
  for (const section of form.ui.sections) {
    if (section.repeat) {
      const rows = out[section.repeat.property];
      if (Array.isArray(rows)) out[section.repeat.property] = rows.filter((r) => !isBlank(r));
    } else if (section.group && isBlank(out[section.group])) {
      delete out[section.group];
    }
  }
  return out;
}

/** The value at a concrete JSON Pointer of the answers (array indices as numbers). */
export function valueAt(answers: unknown, pointer: string): unknown {
  let cur = answers;
  for (const part of pointer.split('/').slice(1)) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Json)[part];
  }
  return cur;
}

/** Rows to show for a repeat section: the saved ones, at least the schema's minimum (and one if any). */
export function rowsOf(form: FormDefinition, section: UiSection, answers: Json): number {
  const saved = section.repeat ? answers[section.repeat.property] : undefined;
  const { min } = rowLimits(form, section);
  return Math.max(Array.isArray(saved) ? saved.length : 0, min);
}

/** `add:<property>` adds a row, `remove:<property>:<i>` removes one; the other rows keep their values. */
export function applyRowIntent(form: FormDefinition, answers: Json, intent: string): Json | undefined {
  const m = /^(add|remove):([A-Za-z][A-Za-z0-9]*)(?::([0-9]{1,2}))?$/.exec(intent);
  if (!m) return undefined;
  const section = form.ui.sections.find((s) => s.repeat?.property === m[2]);
  if (!section) return undefined;
  const rows = Array.isArray(answers[m[2] as string]) ? [...(answers[m[2] as string] as unknown[])] : [];
  if (m[1] === 'add') {
    if (rows.length < rowLimits(form, section).max) rows.push({});
  } else if (m[3] !== undefined) {
    rows.splice(Number(m[3]), 1);
  }
  return { ...answers, [m[2] as string]: rows };
}
