import type { ErrorObject } from 'ajv';
import { compiledForm } from './form-ajv.ts';
import { fieldPointers } from './form-fields.ts';
import type { LocalText, ServiceDefinition } from './service-definition.ts';

/**
 * Checks submitted form values against a definition's form schema. The result is shaped for an
 * accessible error summary (GOV.UK / デジタル庁デザインシステム pattern): one entry per problem, the JSON
 * Pointer of the field (to link to its input), the field's label and a message in ja and en. The shape
 * matches @madoguchi/errors' FieldError plus `label`, so it can go straight into AppError fields.
 */

export interface FormIssue {
  /** JSON Pointer (RFC 6901) of the offending value, e.g. /children/1/birthDate. */
  path: string;
  /** Ajv keyword (required, maxLength, additionalProperties …) or `too_large`. */
  code: string;
  message: LocalText;
  /** Label of the field from the form's UI, when the path is a field. */
  label?: LocalText;
}

export type FormResult = { ok: true; value: Record<string, unknown> } | { ok: false; issues: FormIssue[] };

/** A submission above this is refused before schema work; the largest real form is a few KiB. */
export const maxSubmissionBytes = 256 * 1024;

const messages: Record<string, LocalText> = {
  required: { ja: '入力してください。', en: 'Enter a value.' },
  type: { ja: '入力の形式が正しくありません。', en: 'The value has the wrong type.' },
  minLength: { ja: '入力が短すぎます。', en: 'The value is too short.' },
  maxLength: { ja: '入力が長すぎます。', en: 'The value is too long.' },
  pattern: { ja: '入力の形式が正しくありません。', en: 'The value does not have the expected format.' },
  format: { ja: '入力の形式が正しくありません。', en: 'The value does not have the expected format.' },
  enum: { ja: '選択肢から選んでください。', en: 'Choose one of the options.' },
  const: { ja: '値が正しくありません。', en: 'The value is not allowed.' },
  minimum: { ja: '値が小さすぎます。', en: 'The value is too small.' },
  maximum: { ja: '値が大きすぎます。', en: 'The value is too large.' },
  minItems: { ja: '件数が足りません。', en: 'Add more entries.' },
  maxItems: { ja: '件数が多すぎます。', en: 'There are too many entries.' },
  additionalProperties: { ja: '想定外の項目があります。', en: 'This field is not part of the form.' },
  too_large: { ja: '送信内容が大きすぎます。', en: 'The submission is too large.' },
};
const fallback: LocalText = { ja: '入力内容に誤りがあります。', en: 'The value is not valid.' };

function issuePath(e: ErrorObject): string {
  const extra = e.params.missingProperty ?? e.params.additionalProperty;
  return typeof extra === 'string' ? `${e.instancePath}/${extra}` : e.instancePath;
}

// Array indices become `*`, so an error in any child finds the label of the repeated field.
const pattern = (pointer: string): string => pointer.replace(/\/\d+(?=\/|$)/g, '/*');

function toIssue(e: ErrorObject, labels: ReadonlyMap<string, LocalText>): FormIssue {
  const path = issuePath(e);
  const base = messages[e.keyword] ?? fallback;
  const label = labels.get(pattern(path));
  const message = label ? { ja: `${label.ja}：${base.ja}`, en: `${label.en}: ${base.en}` } : base;
  return label ? { path, code: e.keyword, message, label } : { path, code: e.keyword, message };
}

export function validateForm(def: ServiceDefinition, values: unknown): FormResult {
  const size = Buffer.byteLength(JSON.stringify(values) ?? '');
  if (size > maxSubmissionBytes) {
    return { ok: false, issues: [{ path: '', code: 'too_large', message: messages.too_large ?? fallback }] };
  }
  const validate = compiledForm(def.form.schema);
  if (validate(values)) return { ok: true, value: values as Record<string, unknown> };
  const labels = new Map(fieldPointers(def.form).map((f) => [f.pointer, f.field.label]));
  const seen = new Set<string>();
  const issues: FormIssue[] = [];
  for (const e of validate.errors ?? []) {
    // `if`/`then` report a summary error next to the real one; the summary helps nobody.
    if (e.keyword === 'if') continue;
    const issue = toIssue(e, labels);
    const key = `${issue.path} ${issue.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return { ok: false, issues };
}
