import { fileURLToPath } from 'node:url';
import { requireDatabaseUrl } from '@madoguchi/config';
import { bootService } from '@madoguchi/http';
import { buildJpkiApp } from './app.ts';
import { loadJpkiConfig } from './config.ts';
import type { JpkiDB } from './data/schema.ts';
import { prepareCa } from './services/prepare-ca.ts';

const config = loadJpkiConfig();
await bootService<JpkiDB>({
  schema: 'jpki',
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  databaseUrl: requireDatabaseUrl(config),
  host: config.host,
  port: config.port,
  build: (ctx) => buildJpkiApp(config, ctx),
  prepare: async (ctx, app) => {
    const created = await prepareCa(ctx.database.db, config);
    if (created.length > 0) app.log.warn({ created }, 'created CA keys and certificates (first run)');
  },
});
