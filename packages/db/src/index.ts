export * from './open-database.ts';
export * from './migrate.ts';
export * from './provision.ts';
export * from './embedded.ts';
export { sql } from 'kysely';
export type { Kysely, Transaction, Selectable, Insertable, Generated, ColumnType } from 'kysely';
