export * from './engines.ts';
export * from './services.ts';
