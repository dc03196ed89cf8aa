export * from './bundle.ts';
export * from './keys.ts';
export * from './log-entry.ts';
export * from './permit.ts';
export * from './records.ts';
export * from './signed-fetch.ts';
export * from './signed-request.ts';
