export * from './engines.ts';
export * from './mail.ts';
export * from './services.ts';
