import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Development and test secrets live in one file in the data directory, keyed by environment
 * variable name, so two apps that share a secret (a machine token, say) read the same value.
 * Created with mode 0600 on first use; never committed (the data directory is git-ignored).
 */
export function secretsPath(dataDir: string): string {
  return join(dataDir, 'secrets.json');
}

function readSecrets(path: string): Record<string, string> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
}

export function devSecret(dataDir: string, name: string, onGenerated: (msg: string) => void): string {
  const path = secretsPath(dataDir);
  const secrets = readSecrets(path);
  const existing = secrets[name];
  if (existing) return existing;
  const value = randomBytes(32).toString('base64url');
  // Re-read right before writing: two apps booting together must not overwrite each other's secret.
  const latest = { ...readSecrets(path), [name]: value };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path, `${JSON.stringify(latest, null, 2)}\n`, { mode: 0o600 });
  onGenerated(`generated development secret ${name} into ${path} (never use this in production)`);
  return value;
}
