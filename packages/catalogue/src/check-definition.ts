import { Ajv } from 'ajv';
import { compiledForm } from './form-ajv.ts';
import { fieldPointers, type PlacedField, schemaAt, schemaLeaves } from './form-fields.ts';
import { checkRule } from './rules-check.ts';
import { type ServiceDefinition, ServiceDefinitionSchema } from './service-definition.ts';
import { isLocalGovCode } from './vocab.ts';

/**
 * Publishing-time checks of a service definition: the definition schema, then what a schema cannot say
 * (a real 地方公共団体コード, rules in the supported subset, a form schema that compiles, every UI field
 * bound to exactly one schema value and vice versa, widgets that fit their values).
 */

export interface DefinitionIssue {
  /** JSON Pointer into the definition. */
  path: string;
  message: string;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const checkShape = ajv.compile(ServiceDefinitionSchema);

export function checkDefinition(input: unknown): DefinitionIssue[] {
  if (!checkShape(input)) {
    return (checkShape.errors ?? []).map((e) => {
      // A missing or an unknown property is reported at that property, so the pointer leads to it.
      const named = e.params.missingProperty ?? e.params.additionalProperty;
      return {
        path: `${e.instancePath}${typeof named === 'string' ? `/${named}` : ''}`,
        message: e.message ?? e.keyword,
      };
    });
  }
  const def = input as ServiceDefinition;
  const issues: DefinitionIssue[] = [];
  if (!isLocalGovCode(def.municipality)) {
    issues.push({ path: '/municipality', message: 'not a 地方公共団体コード (check digit)' });
  }
  const rule = (r: unknown, path: string): void => {
    for (const i of checkRule(r, path)) issues.push({ path: i.path, message: i.message });
  };
  rule(def.eligibility, '/eligibility');
  const docIds = new Set<string>();
  def.requiredDocuments.forEach((d, i) => {
    if (d.when !== undefined) rule(d.when, `/requiredDocuments/${i}/when`);
    if (docIds.has(d.id))
      issues.push({ path: `/requiredDocuments/${i}/id`, message: `duplicate document id ${d.id}` });
    docIds.add(d.id);
  });
  def.form.ui.sections.forEach((s, i) => {
    if (s.when !== undefined) rule(s.when, `/form/ui/sections/${i}/when`);
    s.fields.forEach((f, j) => {
      if (f.when !== undefined) rule(f.when, `/form/ui/sections/${i}/fields/${j}/when`);
    });
  });
  try {
    compiledForm(def.form.schema);
  } catch (e) {
    issues.push({ path: '/form/schema', message: `form schema does not compile: ${(e as Error).message}` });
    return issues;
  }
  issues.push(...checkBindings(def));
  return issues;
}

function checkBindings(def: ServiceDefinition): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const placed = fieldPointers(def.form);
  const bound = new Set<string>();
  for (const p of placed) {
    if (bound.has(p.pointer)) issues.push({ path: '/form/ui', message: `two fields bind ${p.pointer}` });
    bound.add(p.pointer);
    const s = schemaAt(def.form.schema, p.pointer);
    if (!s) issues.push({ path: '/form/ui', message: `field ${p.pointer} has no value in the form schema` });
    else
      for (const m of widgetMismatch(p, s)) issues.push({ path: '/form/ui', message: `${p.pointer}: ${m}` });
  }
  for (const leaf of schemaLeaves(def.form.schema)) {
    if (!bound.has(leaf))
      issues.push({ path: '/form/schema', message: `value ${leaf} has no field in the UI` });
  }
  return issues;
}

function widgetMismatch({ field }: PlacedField, s: Record<string, unknown>): string[] {
  const out: string[] = [];
  const type = s.type;
  const choice = field.widget === 'select' || field.widget === 'radio';
  if (choice && !field.options && !field.optionsFrom)
    out.push(`${field.widget} needs options or optionsFrom`);
  if (field.options) {
    const values = field.options.map((o) => o.value);
    const allowed = (s.enum ?? (s.items as Record<string, unknown> | undefined)?.enum) as
      | unknown[]
      | undefined;
    if (!allowed || values.length !== allowed.length || values.some((v) => !allowed.includes(v)))
      out.push('options differ from the schema enum');
  }
  if (field.widget === 'date' && s.format !== 'date') out.push('date widget needs format "date"');
  if (field.widget === 'email' && s.format !== 'email') out.push('email widget needs format "email"');
  if (field.widget === 'number' && type !== 'integer' && type !== 'number')
    out.push('number widget needs a number');
  if (field.widget === 'checkbox' && type !== 'boolean' && type !== 'array')
    out.push('checkbox needs boolean or array');
  const stringy = ['text', 'textarea', 'postal-code', 'phone', 'kana', 'email', 'date'];
  if (stringy.includes(field.widget) && type !== 'string') out.push(`${field.widget} widget needs a string`);
  return out;
}

/** Checks a set of definitions together: each one, unique ids per municipality, electronic form links. */
export function checkCatalogue(defs: readonly ServiceDefinition[]): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const keys = new Set(defs.map((d) => `${d.municipality}/${d.id}`));
  if (keys.size !== defs.length) issues.push({ path: '', message: 'duplicate service id in a municipality' });
  defs.forEach((d, i) => {
    for (const issue of checkDefinition(d))
      issues.push({ path: `/${i}${issue.path}`, message: issue.message });
    d.requiredDocuments.forEach((doc, j) => {
      if (doc.electronicForm && !keys.has(`${d.municipality}/${doc.electronicForm}`))
        issues.push({ path: `/${i}/requiredDocuments/${j}/electronicForm`, message: 'no such service' });
    });
  });
  return issues;
}
