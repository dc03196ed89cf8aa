export * from './app-error.ts';
export * from './codes.ts';
export * from './database-errors.ts';
export * from './validation-messages.ts';
