export * from './assets.ts';
export * from './dates.ts';
export * from './error-page.ts';
export * from './html.ts';
export * from './layout.ts';
