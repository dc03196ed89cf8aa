/**
 * One input per UI field of a definition's form, named and id'd by the JSON Pointer of its value, so
 * an error's path finds its input (error summary links, aria-describedby). Plain HTML controls only:
 * the form works without JavaScript.
 */

import type { FormIssue } from '@madoguchi/catalogue';
import {
  type FormDefinition,
  isoToWareki,
  schemaAt,
  type UiField,
  type UiSection,
} from '@madoguchi/catalogue';
import { html, type SafeHtml } from '@madoguchi/ui';
import { eraNames, fieldId, rowsOf, valueAt, warekiPart } from '../services/applications/form-values.ts';
import { applyMessages } from './apply-messages.ts';

type Lang = 'ja' | 'en';
type Json = Record<string, unknown>;

const inputTypes: Record<string, string> = { email: 'email', phone: 'tel', 'postal-code': 'text' };

/** 令和6年4月1日 for an ISO date, or '' when it is not one. */
export function warekiText(value: unknown): string {
  const w = typeof value === 'string' ? isoToWareki(value) : null;
  return w ? `${w.era}${w.year === 1 ? '元' : w.year}年${w.month}月${w.day}日` : '';
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

function dateInput(lang: Lang, pointer: string, field: UiField, value: unknown, aria: SafeHtml): SafeHtml {
  const m = applyMessages[lang];
  const id = fieldId(pointer);
  const saved = warekiText(value);
  // A value that is not an ISO date is an era date the resident mistyped: give the parts back.
  const typed = /^(令和|平成|昭和|大正|明治)(.*)年(.*)月(.*)日$/.exec(text(value));
  const fromIso = saved ? isoToWareki(text(value)) : null;
  const onlyWareki = field.calendar === 'wareki';
  const parts = typed
    ? { era: typed[1], year: typed[2], month: typed[3], day: typed[4] }
    : onlyWareki && fromIso
      ? {
          era: fromIso.era,
          year: String(fromIso.year),
          month: String(fromIso.month),
          day: String(fromIso.day),
        }
      : { era: '', year: '', month: '', day: '' };
  const small = (part: 'year' | 'month' | 'day') =>
    html`<label for="${id}-${part}">${m[part]}</label><input type="text" inputmode="numeric" class="input--short" maxlength="4" id="${id}-${part}" name="${warekiPart(pointer, part)}" value="${parts[part] ?? ''}">`;
  const wareki = html`<fieldset class="wareki"><legend>${onlyWareki ? m.wareki : m.orWareki}</legend>
    <label for="${onlyWareki ? id : `${id}-era`}">${m.era}</label>
    <select id="${onlyWareki ? id : `${id}-era`}" name="${warekiPart(pointer, 'era')}"${aria}><option value="">${m.choose}</option>${eraNames.map((e) => html`<option value="${e}"${parts.era === e ? html` selected` : ''}>${e}</option>`)}</select>
    ${small('year')}${small('month')}${small('day')}
  </fieldset>`;
  if (onlyWareki) return wareki;
  const iso = html`<input type="text" id="${id}" name="${pointer}" value="${typed ? '' : text(value)}" placeholder="yyyy-mm-dd" inputmode="numeric" maxlength="10"${field.autocomplete ? html` autocomplete="${field.autocomplete}"` : ''}${aria}>
    <p class="hint" data-testid="wareki-of" data-field="${pointer}">${saved ? m.warekiOf(saved) : m.seireki}</p>`;
  return field.calendar === 'both' ? html`${iso}${wareki}` : iso;
}

function choiceInputs(
  lang: Lang,
  pointer: string,
  field: UiField,
  value: unknown,
  multiple: boolean,
): SafeHtml {
  const id = fieldId(pointer);
  const chosen = multiple ? (Array.isArray(value) ? value.map(String) : []) : [text(value)];
  return html`${(field.options ?? []).map((o, i) => {
    const v = String(o.value);
    const oid = i === 0 ? id : `${id}-${i}`;
    return html`<div class="choice"><input type="${multiple ? 'checkbox' : 'radio'}" id="${oid}" name="${pointer}" value="${v}"${chosen.includes(v) ? html` checked` : ''}><label for="${oid}">${o.label[lang]}</label></div>`;
  })}`;
}

function control(
  lang: Lang,
  pointer: string,
  field: UiField,
  schema: Json | null,
  value: unknown,
  aria: SafeHtml,
) {
  const m = applyMessages[lang];
  const id = fieldId(pointer);
  const max = typeof schema?.maxLength === 'number' ? html` maxlength="${schema.maxLength}"` : '';
  const auto = field.autocomplete ? html` autocomplete="${field.autocomplete}"` : '';
  switch (field.widget) {
    case 'date':
      return dateInput(lang, pointer, field, value, aria);
    case 'textarea':
      return html`<textarea id="${id}" name="${pointer}" rows="5"${max}${aria}>${text(value)}</textarea>`;
    case 'select':
      return html`<select id="${id}" name="${pointer}"${aria}><option value="">${m.choose}</option>${(field.options ?? []).map((o) => html`<option value="${String(o.value)}"${String(o.value) === text(value) ? html` selected` : ''}>${o.label[lang]}</option>`)}</select>`;
    case 'radio':
      if (!field.options) break;
      return choiceInputs(lang, pointer, field, value, false);
    case 'checkbox':
      if (schema?.type === 'array') return choiceInputs(lang, pointer, field, value, true);
      return html`<div class="choice"><input type="checkbox" id="${id}" name="${pointer}" value="true"${value === true ? html` checked` : ''}${aria}><label for="${id}">${field.label[lang]}</label></div>`;
    case 'number':
      return html`<input type="text" inputmode="numeric" id="${id}" name="${pointer}" value="${text(value)}"${aria}>`;
  }
  const numeric = field.widget === 'postal-code' || field.widget === 'phone';
  return html`<input type="${inputTypes[field.widget] ?? 'text'}" id="${id}" name="${pointer}" value="${text(value)}"${max}${auto}${numeric ? html` inputmode="numeric"` : ''}${aria}>`;
}

/** Groups of inputs (radios, checkboxes, 和暦) are labelled by a legend; single inputs by a label. */
function isGroup(field: UiField, schema: Json | null): boolean {
  return (
    (field.widget === 'radio' && !!field.options) || (field.widget === 'checkbox' && schema?.type === 'array')
  );
}

export function fieldHtml(
  lang: Lang,
  form: FormDefinition,
  placed: { pointer: string; pattern: string; field: UiField },
  answers: Json,
  issues: FormIssue[],
): SafeHtml {
  const m = applyMessages[lang];
  const { pointer, field } = placed;
  const schema = schemaAt(form.schema, placed.pattern);
  const id = fieldId(pointer);
  const errors = issues.filter((i) => i.path === pointer);
  const described = [field.help ? `${id}-hint` : '', errors.length ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const aria = html`${described ? html` aria-describedby="${described}"` : ''}${errors.length ? html` aria-invalid="true"` : ''}`;
  const requiredMark = html` <span class="hint">（${isRequired(form, placed.pattern) ? m.required : m.optional}）</span>`;
  const value = valueAt(answers, pointer);
  const inner = html`${field.help ? html`<p class="hint" id="${id}-hint">${field.help[lang]}</p>` : ''}
    ${errors.map((e) => html`<p class="field-error" id="${id}-error">${e.message[lang]}</p>`)}
    ${field.optionsFrom && !field.options ? html`<p class="hint">${m.slotsLater}</p>` : ''}
    ${control(lang, pointer, field, schema, value, aria)}`;
  const cls = `form-field${errors.length ? ' form-field--error' : ''}`;
  if (isGroup(field, schema))
    return html`<fieldset class="${cls}" data-field="${pointer}"><legend>${field.label[lang]}${requiredMark}</legend>${inner}</fieldset>`;
  const single = field.widget === 'checkbox';
  return html`<div class="${cls}" data-field="${pointer}">${single ? html`<p>${field.label[lang]}${requiredMark}</p>` : html`<label for="${id}">${field.label[lang]}${requiredMark}</label>`}${inner}</div>`;
}

/** Whether the value's own object lists it as required (the whole group may still be optional). */
function isRequired(form: FormDefinition, pattern: string): boolean {
  const parts = pattern.split('/');
  const name = parts.pop() as string;
  const parent = parts.join('/');
  const owner = parent === '' ? form.schema : schemaAt(form.schema, parent);
  const required = (owner as Json | null)?.required;
  return Array.isArray(required) && required.includes(name);
}

export function sectionHtml(
  lang: Lang,
  form: FormDefinition,
  section: UiSection,
  answers: Json,
  issues: FormIssue[],
): SafeHtml {
  const m = applyMessages[lang];
  const key = section.repeat?.property ?? section.group;
  const sectionErrors = key ? issues.filter((i) => i.path === `/${key}`) : [];
  const head = html`<legend>${section.title[lang]}</legend>
  ${section.help ? html`<p class="hint">${section.help[lang]}</p>` : ''}
  ${section.when !== undefined ? html`<p class="hint">${m.conditionalSection}</p>` : ''}
  ${sectionErrors.map((e) => html`<p class="field-error">${e.message[lang]}</p>`)}`;
  const fields = (base: string, pattern: string) =>
    section.fields.map((field) =>
      fieldHtml(
        lang,
        form,
        { pointer: `${base}/${field.name}`, pattern: `${pattern}/${field.name}`, field },
        answers,
        issues,
      ),
    );
  const id = key ? fieldId(`/${key}`) : `section-${section.id}`;
  if (!section.repeat)
    return html`<fieldset class="card" id="${id}" data-section="${section.id}">${head}${fields(section.group ? `/${section.group}` : '', section.group ? `/${section.group}` : '')}</fieldset>`;
  const { property, itemTitle } = section.repeat;
  const rows = rowsOf(form, section, answers);
  const title = itemTitle[lang];
  return html`<fieldset class="card" id="${id}" data-section="${section.id}" data-rows="${rows}">${head}
  <input type="hidden" name="rows:${property}" value="${rows}">
  ${rows === 0 ? html`<p>${m.noRows}</p>` : ''}
  ${Array.from(
    { length: rows },
    (
      _,
      i,
    ) => html`<fieldset class="repeat-row" id="${fieldId(`/${property}/${i}`)}"><legend>${m.row(title, i + 1)}</legend>
    ${fields(`/${property}/${i}`, `/${property}/*`)}
    <button type="submit" class="button button--secondary" name="intent" value="remove:${property}:${i}">${m.removeRow(title, i + 1)}</button>
  </fieldset>`,
  )}
  <button type="submit" class="button button--secondary" name="intent" value="add:${property}">${m.addRow(title)}</button>
</fieldset>`;
}

/** A value as the review page shows it: option labels, はい/いいえ, dates with their 和暦. */
export function displayValue(lang: Lang, field: UiField, value: unknown): string {
  const m = applyMessages[lang];
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
    return m.notEntered;
  const label = (v: unknown) => field.options?.find((o) => o.value === v)?.label[lang];
  if (Array.isArray(value)) return value.map((v) => label(v) ?? String(v)).join('、');
  if (field.options) return label(value) ?? String(value);
  if (typeof value === 'boolean') return value ? m.yes : m.no;
  if (field.widget === 'date') {
    const w = warekiText(value);
    return w ? `${String(value)}（${w}）` : String(value);
  }
  return String(value);
}
