import { type FieldSpec, loadConfig } from '@madoguchi/config';
import { repoRoot, services } from './services.ts';

const passwordFields = Object.fromEntries(
  services.map((s) => [
    `${s.name}DbPassword`,
    {
      kind: 'secret',
      env: `${s.envPrefix}_DB_PASSWORD`,
      minLength: 16,
      doc: `Password of the ${s.role} database role`,
    } satisfies FieldSpec,
  ]),
) as Record<
  `${(typeof services)[number]['name']}DbPassword`,
  { kind: 'secret'; env: string; minLength: number; doc: string }
>;

export const cliConfigSpec = {
  databaseUrl: {
    kind: 'url',
    env: 'DATABASE_URL',
    optional: true,
    doc: 'PostgreSQL administrator URL; when unset, an embedded PostgreSQL 18 runs in the data directory',
  },
  embeddedPort: {
    kind: 'port',
    env: 'MADOGUCHI_EMBEDDED_PG_PORT',
    default: 5433,
    doc: 'Port of the embedded PostgreSQL (never 5432)',
  },
  embeddedPassword: {
    kind: 'secret',
    env: 'MADOGUCHI_PG_PASSWORD',
    minLength: 16,
    doc: 'Superuser password of the embedded PostgreSQL',
  },
  host: { kind: 'string', env: 'HOST', default: '127.0.0.1', doc: 'Interface every service listens on' },
  ...passwordFields,
} as const;

export type CliConfig = ReturnType<typeof loadCliConfig>;

export function loadCliConfig(env?: Record<string, string | undefined>) {
  return loadConfig('madoguchi', cliConfigSpec, { env, rootDir: repoRoot });
}
