import type { Kysely } from '@madoguchi/db';
import type { LeafUrls } from '@madoguchi/pki';
import type { JpkiConfig } from '../config.ts';
import type { JpkiDB } from '../data/schema.ts';
import type { CaStore } from './ca-store.ts';

/** What every service gets: the database, the loaded CA hierarchy, and the config it needs. */
export interface JpkiContext {
  db: Kysely<JpkiDB>;
  ca: CaStore;
  config: JpkiConfig;
}

/** Who asked, for the audit row. */
export interface Caller {
  actor: string;
  requestId: string;
}

export function leafUrls(config: JpkiConfig, kind: 'sign' | 'auth'): LeafUrls {
  const base = config.publicUrl.replace(/\/+$/, '');
  return { crlUrl: `${base}/crl/${kind}.crl`, ocspUrl: `${base}/ocsp` };
}
