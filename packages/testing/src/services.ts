import type { LoadOptions } from '@madoguchi/config';
import { type Database, openDatabase, ping } from '@madoguchi/db';
import type { HttpApp, ServiceContext } from '@madoguchi/http';
import type { TestDatabase } from './engines.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests hold services of different apps in one variable.
export interface RunningTestService<DB = any> {
  app: HttpApp;
  database: Database<DB>;
  /** Base URL when listening; apps are also usable through app.inject(). */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts one app in this process against a test database with a test config: the same build
 * function main.ts uses, listening on an ephemeral port.
 */
export async function startTestService<C, DB>(options: {
  db: TestDatabase;
  app: 'portal' | 'hub' | 'agency' | 'jpki';
  loadConfig: (o: LoadOptions) => C;
  build: (config: C, ctx: ServiceContext<DB>) => Promise<HttpApp>;
  env?: Record<string, string>;
  dataDir: string;
}): Promise<RunningTestService<DB> & { config: C }> {
  const prefix = options.app.toUpperCase();
  const config = options.loadConfig({
    env: {
      MADOGUCHI_ENV: 'test',
      MADOGUCHI_DATA_DIR: options.dataDir,
      LOG_LEVEL: 'silent',
      [`${prefix}_DATABASE_URL`]: options.db.urlFor(options.app),
      [`${prefix}_PORT`]: '0',
      ...options.env,
    },
    warn: () => {},
  });
  const database = openDatabase<DB>({
    url: options.db.urlFor(options.app),
    schema: options.app,
    maxConnections: 5,
  });
  const app = await options.build(config, { database, ready: () => ping(database.db) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    database,
    config,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** Response bodies in tests are checked field by field, so they are read untyped on purpose. */
// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function readJson(res: Response): Promise<any> {
  return res.json();
}
