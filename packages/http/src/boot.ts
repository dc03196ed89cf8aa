import { type Database, migrate, openDatabase, ping } from '@madoguchi/db';
import type { HttpApp } from './create-app.ts';
import { installGracefulShutdown } from './graceful-shutdown.ts';

export interface ServiceContext<DB> {
  database: Database<DB>;
  ready: () => Promise<boolean>;
}

export interface BootOptions<DB> {
  schema: string;
  migrationsDir: string;
  databaseUrl: string;
  host: string;
  port: number;
  build: (ctx: ServiceContext<DB>) => Promise<HttpApp>;
  /** Runs once after migrations, before listening (e.g. create the root CA on first run). */
  prepare?: (ctx: ServiceContext<DB>, app: HttpApp) => Promise<void>;
}

/** main.ts of every app: open the database, apply migrations, build, listen, shut down cleanly. */
export async function bootService<DB>(options: BootOptions<DB>): Promise<HttpApp> {
  const database = openDatabase<DB>({ url: options.databaseUrl, schema: options.schema });
  await migrate(database.pool, options.schema, options.migrationsDir);
  const ctx: ServiceContext<DB> = { database, ready: () => ping(database.db) };
  const app = await options.build(ctx);
  if (options.prepare) await options.prepare(ctx, app);
  installGracefulShutdown(app, [() => database.close()]);
  await app.listen({ host: options.host, port: options.port });
  return app;
}
