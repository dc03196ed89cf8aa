/**
 * `node apps/jpki/src/import-ca-keys-main.ts <dir>`: imports the production CA keys. The directory
 * holds `<name>.pem` (certificate) and `<name>.key.pem` (PKCS#8, plain or encrypted under
 * JPKI_KEY_PASSPHRASE) for each of root, sign, auth, ocsp-sign, ocsp-auth.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireDatabaseUrl } from '@madoguchi/config';
import { migrate, openDatabase } from '@madoguchi/db';
import { loadJpkiConfig } from './config.ts';
import type { JpkiDB } from './data/schema.ts';
import { caOrder } from './services/ca-names.ts';
import { importCaKeys } from './services/import-ca-keys.ts';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write(
    'usage: node apps/jpki/src/import-ca-keys-main.ts <directory with <name>.pem and <name>.key.pem>\n',
  );
  process.exit(2);
}
const config = loadJpkiConfig();
const database = openDatabase<JpkiDB>({ url: requireDatabaseUrl(config), schema: 'jpki' });
try {
  await migrate(database.pool, 'jpki', fileURLToPath(new URL('./migrations', import.meta.url)));
  const keys = caOrder
    .filter((name) => existsSync(join(dir, `${name}.pem`)))
    .map((name) => ({
      name,
      certificatePem: readFileSync(join(dir, `${name}.pem`), 'utf8'),
      privateKeyPem: readFileSync(join(dir, `${name}.key.pem`), 'utf8'),
    }));
  const imported = await importCaKeys(database.db, config.keyPassphrase, keys);
  process.stdout.write(`imported CA keys: ${imported.join(', ') || '(none)'}\n`);
} finally {
  await database.close();
}
