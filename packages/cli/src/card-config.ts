import { loadConfig } from '@madoguchi/config';
import { repoRoot } from './services.ts';

/**
 * What `madoguchi card …` needs: where jpki and the agency answer and the staff tokens. In
 * development the tokens come from the same secrets file the apps use ($MADOGUCHI_DATA_DIR/secrets.json),
 * so the CLI works against `npm start` with no setup; production must pass them in the environment.
 */
export const cardCliConfigSpec = {
  jpkiUrl: { kind: 'url', env: 'JPKI_URL', default: 'http://127.0.0.1:3003', doc: 'Base URL of jpki' },
  agencyUrl: {
    kind: 'url',
    env: 'AGENCY_URL',
    default: 'http://127.0.0.1:3002',
    doc: 'Base URL of the agency',
  },
  jpkiStaffToken: { kind: 'secret', env: 'JPKI_STAFF_TOKEN', minLength: 32, doc: 'jpki staff API token' },
  agencyStaffToken: {
    kind: 'secret',
    env: 'AGENCY_STAFF_TOKEN',
    minLength: 32,
    doc: 'agency staff API token',
  },
  staffId: {
    kind: 'string',
    env: 'MADOGUCHI_STAFF_ID',
    default: 'madoguchi-cli',
    doc: 'Staff id the CLI names in the audit trail (X-Staff-Id)',
  },
} as const;

export type CardCliConfig = ReturnType<typeof loadCardCliConfig>;

export function loadCardCliConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig('madoguchi card', cardCliConfigSpec, { env, rootDir: repoRoot });
}
