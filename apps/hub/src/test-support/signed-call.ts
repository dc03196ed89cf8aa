import type { KeyObject } from 'node:crypto';
import { signRequest } from '@madoguchi/exchange';

/** A signed JSON POST as an agency would send it; `tamper` changes the body after signing. */
export async function signedPost(
  hubUrl: string,
  agency: string,
  key: KeyObject,
  path: string,
  body: unknown,
  options: { now?: Date; tamper?: (s: string) => string; headers?: Record<string, string> } = {},
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field.
): Promise<{ status: number; body: any; headers: Record<string, string> }> {
  const text = JSON.stringify(body);
  const headers =
    options.headers ?? signRequest({ agency, key, method: 'POST', path, body: text, now: options.now });
  const res = await fetch(`${hubUrl}${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: options.tamper ? options.tamper(text) : text,
  });
  return { status: res.status, body: await res.json(), headers };
}
