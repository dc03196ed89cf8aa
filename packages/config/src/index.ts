export * from './fields.ts';
export * from './load-config.ts';
export { devSecret, secretsPath } from './secrets-file.ts';
