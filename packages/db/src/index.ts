export type { ColumnType, Generated, Insertable, Kysely, RawBuilder, Selectable, Transaction } from 'kysely';
export { sql } from 'kysely';
export * from './embedded.ts';
export * from './migrate.ts';
export * from './open-database.ts';
export * from './provision.ts';
