import type { FastifyInstance } from 'fastify';

/**
 * SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish (Fastify answers 503
 * to new ones meanwhile), then run the cleanups (close the pool). A request whose transaction has
 * not committed is rolled back by PostgreSQL if the process dies, so no half-written data remains.
 */
export function installGracefulShutdown(
  app: FastifyInstance,
  cleanups: (() => Promise<void>)[],
  timeoutMs = 10_000,
): void {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    try {
      await app.close();
      for (const cleanup of cleanups) await cleanup();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
