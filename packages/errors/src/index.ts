export * from './codes.ts';
export * from './app-error.ts';
export * from './validation-messages.ts';
export * from './database-errors.ts';
