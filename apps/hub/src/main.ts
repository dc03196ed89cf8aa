import { fileURLToPath } from 'node:url';
import { requireDatabaseUrl } from '@madoguchi/config';
import { bootService } from '@madoguchi/http';
import { buildHubApp } from './app.ts';
import { loadHubConfig } from './config.ts';
import type { HubDB } from './data/schema.ts';

const config = loadHubConfig();
await bootService<HubDB>({
  schema: 'hub',
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  databaseUrl: requireDatabaseUrl(config),
  host: config.host,
  port: config.port,
  build: (ctx) => buildHubApp(config, ctx),
});
