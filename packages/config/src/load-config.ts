import { isAbsolute, resolve } from 'node:path';
import type { ConfigValues, FieldSpec, Mode } from './fields.ts';
import { devSecret } from './secrets-file.ts';

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(app: string, problems: string[]) {
    super(`${app}: invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export interface BaseConfig {
  readonly app: string;
  readonly mode: Mode;
  readonly dataDir: string;
  readonly logLevel: string;
}

export interface LoadOptions {
  env?: Record<string, string | undefined>;
  /** Where "generated a dev secret" is said; loudly, so nobody mistakes a dev box for production. */
  warn?: (msg: string) => void;
  /** The repository root; the default data directory sits below it. */
  rootDir?: string;
}

const modes: readonly Mode[] = ['development', 'test', 'production'];
const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function parseField(spec: FieldSpec, raw: string | undefined, problems: string[]): unknown {
  const name = spec.env;
  if (raw === undefined || raw === '') {
    if ('default' in spec && spec.default !== undefined) return spec.default;
    if (spec.kind === 'url' && spec.optional) return undefined;
    problems.push(`${name} is required (${spec.doc})`);
    return undefined;
  }
  switch (spec.kind) {
    case 'string':
      return raw;
    case 'secret':
      if (raw.length < (spec.minLength ?? 16))
        problems.push(`${name} must be at least ${spec.minLength ?? 16} characters`);
      return raw;
    case 'int':
    case 'port': {
      const n = Number(raw);
      const min = spec.kind === 'port' ? 0 : (spec.min ?? Number.MIN_SAFE_INTEGER);
      const max = spec.kind === 'port' ? 65535 : (spec.max ?? Number.MAX_SAFE_INTEGER);
      if (!/^-?\d+$/.test(raw) || n < min || n > max)
        problems.push(`${name} must be an integer in ${min}..${max}, got "${raw}"`);
      return n;
    }
    case 'bool':
      if (!['true', 'false', '1', '0'].includes(raw))
        problems.push(`${name} must be true or false, got "${raw}"`);
      return raw === 'true' || raw === '1';
    case 'url':
      if (!URL.canParse(raw)) problems.push(`${name} must be a URL`);
      return raw;
    case 'enum':
      if (!spec.values.includes(raw))
        problems.push(`${name} must be one of ${spec.values.join(', ')}, got "${raw}"`);
      return raw;
  }
}

/**
 * Loads one app's configuration once, at boot. Every problem is collected before failing so an
 * operator fixes them in one go. Secrets: production refuses to run without them; development and
 * test generate them into the data directory and say so.
 */
export function loadConfig<S extends Record<string, FieldSpec>>(
  app: string,
  spec: S,
  options: LoadOptions = {},
): BaseConfig & ConfigValues<S> {
  const env = options.env ?? process.env;
  const warn = options.warn ?? ((msg: string) => process.stderr.write(`[${app}] WARNING: ${msg}\n`));
  const problems: string[] = [];

  const rawMode = env.MADOGUCHI_ENV ?? (env.NODE_ENV === 'production' ? 'production' : 'development');
  if (!modes.includes(rawMode as Mode))
    problems.push(`MADOGUCHI_ENV must be one of ${modes.join(', ')}, got "${rawMode}"`);
  const mode = (modes.includes(rawMode as Mode) ? rawMode : 'development') as Mode;

  const rootDir = options.rootDir ?? process.cwd();
  const rawDataDir = env.MADOGUCHI_DATA_DIR ?? '.madoguchi';
  const dataDir = isAbsolute(rawDataDir) ? rawDataDir : resolve(rootDir, rawDataDir);

  const logLevel = env.LOG_LEVEL ?? (mode === 'test' ? 'warn' : 'info');
  if (!logLevels.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${logLevels.join(', ')}`);

  const values: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(spec)) {
    const raw = env[field.env];
    if (field.kind === 'secret' && (raw === undefined || raw === '')) {
      if (mode === 'production')
        problems.push(`${field.env} is required in production (${field.doc}); no default is used`);
      else values[key] = devSecret(dataDir, field.env, warn);
      continue;
    }
    values[key] = parseField(field, raw, problems);
  }
  if (problems.length > 0) throw new ConfigError(app, problems);
  return Object.freeze({ app, mode, dataDir, logLevel, ...values }) as BaseConfig & ConfigValues<S>;
}

/** Markdown rows for README's config table, so the table cannot drift from the code. */
export function describeConfig(spec: Record<string, FieldSpec>): string[] {
  return Object.values(spec).map((f) => {
    const def =
      f.kind === 'secret'
        ? 'generated in dev; required in production'
        : 'default' in f
          ? String(f.default ?? '')
          : '';
    return `| \`${f.env}\` | ${f.doc} | ${def} |`;
  });
}

/** Apps are started by `madoguchi start`, which passes their database URL; alone, they must be told. */
export function requireDatabaseUrl(config: BaseConfig & { databaseUrl?: string | undefined }): string {
  if (config.databaseUrl) return config.databaseUrl;
  throw new ConfigError(config.app, [
    `${config.app.toUpperCase()}_DATABASE_URL is not set: start everything with \`madoguchi start\`, or set it to a PostgreSQL URL with the ${config.app} role`,
  ]);
}
