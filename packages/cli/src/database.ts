import {
  type AppDatabaseSpec,
  appUrl,
  type EmbeddedServer,
  migrate,
  openDatabase,
  provisionAppDatabases,
  startEmbeddedPostgres,
} from '@madoguchi/db';
import type { CliConfig } from './cli-config.ts';
import { type ServiceDef, services } from './services.ts';

export interface RunningDatabase {
  adminUrl: string;
  embedded?: EmbeddedServer;
  appUrls: Record<ServiceDef['name'], string>;
  stop(): Promise<void>;
}

function specFor(config: CliConfig, s: ServiceDef): AppDatabaseSpec {
  return { schema: s.schema, role: s.role, password: config[`${s.name}DbPassword`] };
}

/** The server (embedded unless DATABASE_URL is set), each app's role and schema, all migrations. */
export async function prepareDatabase(
  config: CliConfig,
  log: (msg: string) => void,
): Promise<RunningDatabase> {
  let embedded: EmbeddedServer | undefined;
  let adminUrl = config.databaseUrl;
  if (!adminUrl) {
    if (config.embeddedPort === 5432)
      throw new Error('MADOGUCHI_EMBEDDED_PG_PORT must not be 5432: the machine PostgreSQL holds it');
    const t0 = performance.now();
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPort,
      password: config.embeddedPassword,
    });
    adminUrl = embedded.adminUrl;
    log(
      `embedded PostgreSQL 18 on 127.0.0.1:${config.embeddedPort} (${Math.round(performance.now() - t0)} ms), data in ${config.dataDir}/pg`,
    );
  }
  const specs = services.map((s) => specFor(config, s));
  await provisionAppDatabases(adminUrl, specs);
  const appUrls = {} as Record<ServiceDef['name'], string>;
  for (const s of services) {
    const url = appUrl(adminUrl, specFor(config, s));
    appUrls[s.name] = url;
    const database = openDatabase({ url, schema: s.schema, maxConnections: 1 });
    try {
      const result = await migrate(database.pool, s.schema, s.migrations);
      if (result.applied.length > 0) log(`${s.name}: applied ${result.applied.join(', ')}`);
    } finally {
      await database.close();
    }
  }
  return {
    adminUrl,
    embedded,
    appUrls,
    stop: async () => {
      await embedded?.stop();
    },
  };
}
