export * from './agencies.ts';
export * from './names.ts';
