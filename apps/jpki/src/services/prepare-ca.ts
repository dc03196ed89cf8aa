import { ConfigError } from '@madoguchi/config';
import type { Kysely } from '@madoguchi/db';
import { findCaKeys } from '../data/ca-keys.ts';
import type { CaName, JpkiDB } from '../data/schema.ts';
import { missingCaKeys } from './ca-store.ts';
import { ensureCaHierarchy } from './create-ca-hierarchy.ts';

/**
 * Boot step. Development and test create whatever is missing of the hierarchy; production never
 * generates a CA key and refuses to start until all five are imported.
 */
export async function prepareCa(
  db: Kysely<JpkiDB>,
  config: { mode: 'development' | 'test' | 'production'; keyPassphrase: string },
): Promise<CaName[]> {
  if (config.mode !== 'production') return ensureCaHierarchy(db, config.keyPassphrase);
  const missing = missingCaKeys(new Set((await findCaKeys(db)).keys()));
  if (missing.length > 0)
    throw new ConfigError('jpki', [
      `CA keys missing: ${missing.join(', ')}. Production never generates CA keys: import them with ` +
        '`node apps/jpki/src/import-ca-keys-main.ts <dir>` (see apps/jpki/README.md, "Production keys")',
    ]);
  return [];
}
