export * from './header-safety.ts';
export * from './mail-fields.ts';
export * from './mailer.ts';
