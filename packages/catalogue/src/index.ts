export * from './check-definition.ts';
export * from './form-ajv.ts';
export type { Choice, JsonSchema, Part, SectionSpec } from './form-builder.ts';
// Short builder names (text, date, select …) stay behind a namespace so they do not crowd imports.
export * as formBuilder from './form-builder.ts';
export * from './form-fields.ts';
export * from './kosodate/index.ts';
export type { Office, ProcedureTemplate } from './kosodate/template.ts';
export { offices } from './kosodate/template.ts';
export * from './personalise.ts';
export * from './rules.ts';
export * from './rules-check.ts';
export * from './service-definition.ts';
export * from './validate-form.ts';
export * from './vocab.ts';
export * from './wareki.ts';
