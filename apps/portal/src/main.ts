import { fileURLToPath } from 'node:url';
import { requireDatabaseUrl } from '@madoguchi/config';
import { bootService } from '@madoguchi/http';
import { buildPortalApp } from './app.ts';
import { loadPortalConfig } from './config.ts';
import type { PortalDB } from './data/schema.ts';

const config = loadPortalConfig();
await bootService<PortalDB>({
  schema: 'portal',
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  databaseUrl: requireDatabaseUrl(config),
  host: config.host,
  port: config.port,
  build: (ctx) => buildPortalApp(config, ctx),
});
