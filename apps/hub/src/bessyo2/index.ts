export * from './catalogue.ts';
export * from './kind-of-agency.ts';
export * from './load-bessyo2.ts';
export * from './permits.ts';
