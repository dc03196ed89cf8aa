import { open, stat, unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const held = new Map<string, Promise<void>>();

// A lock older than this belongs to a process that died holding it (a PIN check takes ~0.1 s).
const staleMs = 30_000;
const waitLimitMs = 60_000;

async function acquireFileLock(lockPath: string): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const age = await stat(lockPath).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > staleMs) await unlink(lockPath).catch(() => {});
    else if (Date.now() - started > waitLimitMs) throw new Error(`card file is locked: ${lockPath}`);
    else await sleep(20);
  }
}

/**
 * Runs `fn` holding the card file's lock: an in-process queue (two agent requests at once) plus an
 * exclusive lock file (the agent and a CLI command at once). Without it two concurrent wrong PINs
 * could both read "3 tries left" and both write "2".
 */
export async function withCardLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const key = resolve(path);
  const previous = held.get(key) ?? Promise.resolve();
  let release = () => {};
  const mine = new Promise<void>((r) => {
    release = r;
  });
  const chained = previous.then(() => mine);
  held.set(key, chained);
  await previous;
  const lockPath = `${key}.lock`;
  try {
    await acquireFileLock(lockPath);
    try {
      return await fn();
    } finally {
      await unlink(lockPath).catch(() => {});
    }
  } finally {
    release();
    if (held.get(key) === chained) held.delete(key);
  }
}
