/** Declarative config fields: each names its environment variable, its kind and its default. */
export type FieldSpec =
  | { kind: 'string'; env: string; default?: string; doc: string }
  | { kind: 'int'; env: string; default?: number; min?: number; max?: number; doc: string }
  | { kind: 'port'; env: string; default?: number; doc: string }
  | { kind: 'url'; env: string; default?: string; optional?: boolean; doc: string }
  | { kind: 'enum'; env: string; values: readonly string[]; default?: string; doc: string }
  | { kind: 'bool'; env: string; default?: boolean; doc: string }
  | { kind: 'secret'; env: string; minLength?: number; doc: string };

type ValueOf<F extends FieldSpec> = F extends { kind: 'int' | 'port' }
  ? number
  : F extends { kind: 'bool' }
    ? boolean
    : F extends { kind: 'url'; optional: true }
      ? string | undefined
      : F extends { kind: 'enum'; values: readonly (infer V)[] }
        ? V
        : string;

export type ConfigValues<S extends Record<string, FieldSpec>> = { readonly [K in keyof S]: ValueOf<S[K]> };

export type Mode = 'development' | 'test' | 'production';

/** The fields every HTTP service has, under its own prefix (PORTAL_PORT, HUB_DATABASE_URL, …). */
export function serviceFields<P extends string>(prefix: P, defaultPort: number) {
  return {
    host: { kind: 'string', env: 'HOST', default: '127.0.0.1', doc: 'Interface every service listens on' },
    port: {
      kind: 'port',
      env: `${prefix}_PORT`,
      default: defaultPort,
      doc: `Port of the ${prefix.toLowerCase()} service`,
    },
    databaseUrl: {
      kind: 'url',
      optional: true,
      env: `${prefix}_DATABASE_URL`,
      doc: `PostgreSQL URL with the ${prefix.toLowerCase()} role (set by \`madoguchi start\`; required when run alone)`,
    },
    rateLimitMax: {
      kind: 'int',
      env: 'RATE_LIMIT_MAX',
      default: 1200,
      min: 1,
      doc: 'Requests per minute per client address, per service',
    },
  } as const;
}
