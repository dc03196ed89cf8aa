export * from './agencies.ts';
export * from './info-types.ts';
export * from './names.ts';
export * from './notice-kinds.ts';
