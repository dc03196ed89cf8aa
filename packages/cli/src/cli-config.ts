import { ConfigError, type FieldSpec, loadConfig } from '@madoguchi/config';
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

/**
 * The embedded server's password is needed only when there is no DATABASE_URL; production must
 * name its database (an embedded server is for development and demos).
 */
export function loadCliConfig(env: Record<string, string | undefined> = process.env) {
  const production =
    (env.MADOGUCHI_ENV ?? (env.NODE_ENV === 'production' ? 'production' : '')) === 'production';
  const needsUrl = production && !env.DATABASE_URL;
  const urlProblem = 'DATABASE_URL is required in production; the embedded PostgreSQL is for development';
  try {
    const config = loadConfig('madoguchi', cliConfigSpec, {
      env:
        env.DATABASE_URL || needsUrl
          ? { ...env, MADOGUCHI_PG_PASSWORD: 'unused-without-embedded-server' }
          : env,
      rootDir: repoRoot,
    });
    if (needsUrl) throw new ConfigError('madoguchi', [urlProblem]);
    return config;
  } catch (err) {
    if (needsUrl && err instanceof ConfigError && !err.problems.includes(urlProblem))
      throw new ConfigError('madoguchi', [urlProblem, ...err.problems]);
    throw err;
  }
}
