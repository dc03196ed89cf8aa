import { fileURLToPath } from 'node:url';
import { requireDatabaseUrl } from '@madoguchi/config';
import { bootService } from '@madoguchi/http';
import { buildJpkiApp } from './app.ts';
import { loadJpkiConfig } from './config.ts';
import type { JpkiDB } from './data/schema.ts';
import { ensureRootCa } from './services/create-root-ca.ts';

const config = loadJpkiConfig();
await bootService<JpkiDB>({
  schema: 'jpki',
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  databaseUrl: requireDatabaseUrl(config),
  host: config.host,
  port: config.port,
  build: (ctx) => buildJpkiApp(config, ctx),
  prepare: async (ctx, app) => {
    const { created } = await ensureRootCa(ctx.database.db, config.keyPassphrase);
    if (created) app.log.warn('created the root CA certificate and key (first run)');
  },
});
