export * from './catalogue.ts';
export * from './write-audit.ts';
