import type { FieldError } from './app-error.ts';

/**
 * Localized text for schema-validation failures. Ajv's keywords are stable, so they are the key;
 * the JSON Pointer of the failing field is kept as is.
 */
const keywordMessages: Record<string, { ja: string; en: string }> = {
  required: { ja: '必須項目です。', en: 'This field is required.' },
  type: { ja: '形式が正しくありません。', en: 'The value has the wrong type.' },
  minLength: { ja: '入力が短すぎます。', en: 'The value is too short.' },
  maxLength: { ja: '入力が長すぎます。', en: 'The value is too long.' },
  pattern: { ja: '形式が正しくありません。', en: 'The value does not have the expected format.' },
  format: { ja: '形式が正しくありません。', en: 'The value does not have the expected format.' },
  enum: { ja: '選択肢から選んでください。', en: 'Choose one of the allowed values.' },
  const: { ja: '値が正しくありません。', en: 'The value is not allowed.' },
  minimum: { ja: '値が小さすぎます。', en: 'The value is too small.' },
  maximum: { ja: '値が大きすぎます。', en: 'The value is too large.' },
  additionalProperties: { ja: '想定外の項目があります。', en: 'The field is not expected.' },
};

const fallback = { ja: '入力内容に誤りがあります。', en: 'The value is not valid.' };

export interface SchemaIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

export function fieldErrorsFromSchemaIssues(issues: readonly SchemaIssue[], prefix: string): FieldError[] {
  return issues.map((issue) => {
    let path = `${prefix}${issue.instancePath}`;
    const missing = issue.params.missingProperty ?? issue.params.additionalProperty;
    if (typeof missing === 'string') path = `${path}/${missing}`;
    return { path, code: issue.keyword, message: keywordMessages[issue.keyword] ?? fallback };
  });
}

export function fieldError(path: string, code: string, message: { ja: string; en: string }): FieldError {
  return { path, code, message };
}
