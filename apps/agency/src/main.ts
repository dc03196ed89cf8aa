import { fileURLToPath } from 'node:url';
import { requireDatabaseUrl } from '@madoguchi/config';
import { bootService } from '@madoguchi/http';
import { buildAgencyApp } from './app.ts';
import { loadAgencyConfig } from './config.ts';
import type { AgencyDB } from './data/schema.ts';

const config = loadAgencyConfig();
await bootService<AgencyDB>({
  schema: 'agency',
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  databaseUrl: requireDatabaseUrl(config),
  host: config.host,
  port: config.port,
  build: (ctx) => buildAgencyApp(config, ctx),
});
