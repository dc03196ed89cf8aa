export * from './html.ts';
export * from './dates.ts';
export * from './layout.ts';
export * from './assets.ts';
