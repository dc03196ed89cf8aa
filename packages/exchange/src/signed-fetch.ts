/**
 * The one HTTP client for network calls (agency → hub, portal → hub, hub → agency): signs the exact body
 * bytes, bounds the wait, and turns the other side's typed error into an AppError with the same code, so
 * a refusal at the hub reaches the person as the hub's message. A provider that cannot be reached becomes
 * `unreachableCode` (default `upstream.unavailable`).
 */
import type { KeyObject } from 'node:crypto';
import { AppError, type ErrorCode, isErrorCode } from '@madoguchi/errors';
import { signRequest } from './signed-request.ts';

export interface SignedFetchOptions {
  /** Base URL, e.g. http://127.0.0.1:3001 or an intermediate server's endpointUrl. */
  baseUrl: string;
  /** Path (and query) appended to the base URL's path. */
  path: string;
  method?: 'GET' | 'POST' | 'PUT';
  body?: unknown;
  /** Who signs: the agency code and its key. Omit both for an unsigned call (e.g. an answer with a permit). */
  agency?: string;
  key?: KeyObject;
  timeoutMs?: number;
  unreachableCode?: ErrorCode;
}

export async function signedFetch<T>(o: SignedFetchOptions): Promise<T> {
  const base = new URL(o.baseUrl);
  const url = new URL(`${base.pathname.replace(/\/$/, '')}${o.path}`, base);
  const method = o.method ?? (o.body === undefined ? 'GET' : 'POST');
  const body = o.body === undefined ? '' : JSON.stringify(o.body);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  if (o.agency !== undefined && o.key !== undefined)
    Object.assign(
      headers,
      signRequest({ agency: o.agency, key: o.key, method, path: url.pathname + url.search, body }),
    );
  const unreachable = o.unreachableCode ?? 'upstream.unavailable';
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      ...(o.body === undefined ? {} : { body }),
      signal: AbortSignal.timeout(o.timeoutMs ?? 3000),
    });
  } catch (err) {
    throw new AppError(unreachable, { cause: err, details: { upstream: url.host } });
  }
  let json: unknown;
  try {
    json = await res.json();
  } catch (err) {
    throw new AppError(unreachable, { cause: err, details: { upstreamStatus: res.status } });
  }
  if (res.ok) return json as T;
  const code = (json as { error?: { code?: unknown } })?.error?.code;
  // The other side refusing *our* credentials is not the caller's fault: to the caller it is an
  // unavailable connected system, never an authentication error of its own.
  const ourCredentials =
    typeof code === 'string' && (code.startsWith('auth.') || code === 'exchange.signature_invalid');
  if (res.status < 500 && typeof code === 'string' && isErrorCode(code) && !ourCredentials) {
    const details = (json as { error?: { details?: Record<string, string | number | boolean> } }).error
      ?.details;
    throw new AppError(code, { details: { ...(details ?? {}), upstreamStatus: res.status } });
  }
  throw new AppError(unreachable, { details: { upstreamStatus: res.status } });
}
