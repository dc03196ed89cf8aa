export { type Static, Type } from '@fastify/type-provider-typebox';
export * from './bearer.ts';
export * from './boot.ts';
export * from './create-app.ts';
export * from './error-handler.ts';
export * from './graceful-shutdown.ts';
export { redactPaths } from './redaction.ts';
export * from './request-lang.ts';
export * from './schemas.ts';
