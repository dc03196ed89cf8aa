import type { FormDefinition, UiField, UiSection } from './service-definition.ts';

/** A UI field with the JSON Pointer pattern of its value (`*` stands for any array index). */
export interface PlacedField {
  pointer: string;
  section: UiSection;
  field: UiField;
}

export function sectionBase(section: UiSection): string {
  if (section.repeat) return `/${section.repeat.property}/*`;
  if (section.group) return `/${section.group}`;
  return '';
}

export function fieldPointers(form: FormDefinition): PlacedField[] {
  return form.ui.sections.flatMap((section) =>
    section.fields.map((field) => ({ pointer: `${sectionBase(section)}/${field.name}`, section, field })),
  );
}

type Json = Record<string, unknown>;

/** The schema at a pointer pattern, walking properties and array items; null when it does not exist. */
export function schemaAt(schema: unknown, pointer: string): Json | null {
  let cur = schema as Json | undefined;
  for (const part of pointer.split('/').slice(1)) {
    if (!cur || typeof cur !== 'object') return null;
    if (part === '*') {
      cur = cur.items as Json | undefined;
      continue;
    }
    const props = cur.properties as Json | undefined;
    if (!props || !Object.hasOwn(props, part)) return null;
    cur = props[part] as Json;
  }
  return cur ?? null;
}

/** Pointer patterns of every leaf value (non-object, non-array-of-objects) of a form schema. */
export function schemaLeaves(schema: unknown, base = ''): string[] {
  const s = schema as Json;
  if (s.type === 'object' && s.properties) {
    return Object.entries(s.properties as Json).flatMap(([k, v]) => schemaLeaves(v, `${base}/${k}`));
  }
  const items = s.items as Json | undefined;
  if (s.type === 'array' && items?.type === 'object') return schemaLeaves(items, `${base}/*`);
  return [base];
}
