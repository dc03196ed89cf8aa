/**
 * OAuth 2.0 authorization code + PKCE S256 (RFC 6749, RFC 7636) for one confidential client, the portal:
 * exact redirect URI, state echoed, single-use codes valid 60 s, client secret over HTTP Basic.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '@madoguchi/errors';
import type { EDeliveryConfig } from './config.ts';
import { rowAs, type Store, type UserRow } from './store.ts';

export const CODE_TTL_MS = 60_000;
export const TOKEN_TTL_S = 90 * 86_400;
const REQUEST_TTL_MS = 10 * 60_000;
export const SCOPE = 'mailbox.deliver certificates.read';

const sha = (s: string) => createHash('sha256').update(s).digest('base64url');
const random = () => randomBytes(32).toString('base64url');
const PKCE = /^[A-Za-z0-9._~-]{43,128}$/;

export interface AuthorizeQuery {
  response_type?: string;
  client_id?: string;
  redirect_uri?: string;
  state?: string;
  code_challenge?: string;
  code_challenge_method?: string;
  scope?: string;
}

/** Validates an authorization request and parks it server-side; the returned id travels through login and consent. */
export function startAuthorization(store: Store, config: EDeliveryConfig, q: AuthorizeQuery): string {
  // The redirect URI is checked first and exactly: an error is never redirected to an unchecked URI.
  if (q.client_id !== config.clientId || q.redirect_uri !== config.redirectUri)
    throw new AppError('oauth.invalid_request', { details: { reason: 'client_or_redirect_uri' } });
  if (q.response_type !== 'code')
    throw new AppError('oauth.invalid_request', { details: { reason: 'response_type' } });
  if (!q.state || q.state.length > 256)
    throw new AppError('oauth.invalid_request', { details: { reason: 'state' } });
  if (q.code_challenge_method !== 'S256' || !PKCE.test(q.code_challenge ?? ''))
    throw new AppError('oauth.invalid_request', { details: { reason: 'pkce' } });
  const id = random();
  store.prepare('delete from auth_requests where expires_at < ?').run(Date.now());
  store
    .prepare(
      'insert into auth_requests (id, client_id, redirect_uri, state, code_challenge, scope, expires_at) values (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      id,
      q.client_id,
      q.redirect_uri,
      q.state,
      q.code_challenge as string,
      SCOPE,
      Date.now() + REQUEST_TTL_MS,
    );
  return id;
}

export interface PendingRequest {
  id: string;
  client_id: string;
  redirect_uri: string;
  state: string;
  code_challenge: string;
  scope: string;
  expires_at: number;
}

export function pendingRequest(store: Store, id: unknown): PendingRequest {
  const row = rowAs<PendingRequest>(
    typeof id === 'string' ? store.prepare('select * from auth_requests where id = ?').get(id) : undefined,
  );
  if (!row || row.expires_at < Date.now())
    throw new AppError('oauth.invalid_request', { details: { reason: 'request' } });
  return row;
}

/** Consent given or refused: the redirect back to the client (with a code, or with access_denied). */
export function decide(store: Store, req: PendingRequest, user: UserRow, approve: boolean): string {
  store.prepare('delete from auth_requests where id = ?').run(req.id);
  const url = new URL(req.redirect_uri);
  url.searchParams.set('state', req.state);
  if (!approve) {
    url.searchParams.set('error', 'access_denied');
    return url.toString();
  }
  const code = random();
  store
    .prepare(
      'insert into codes (code_hash, user_id, client_id, redirect_uri, code_challenge, scope, expires_at) values (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      sha(code),
      user.id,
      req.client_id,
      req.redirect_uri,
      req.code_challenge,
      req.scope,
      Date.now() + CODE_TTL_MS,
    );
  url.searchParams.set('code', code);
  return url.toString();
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** RFC 6749 §2.3.1: client_id and secret, each form-urlencoded, in HTTP Basic. */
export function authenticateClient(config: EDeliveryConfig, authorization: string | undefined): void {
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(authorization ?? '');
  const decoded = m ? Buffer.from(m[1] as string, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  let id = '';
  let secret = '';
  try {
    id = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
    secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
  } catch {
    throw new AppError('oauth.invalid_client');
  }
  if (colon < 0 || !safeEqual(id, config.clientId) || !safeEqual(secret, config.clientSecret))
    throw new AppError('oauth.invalid_client');
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  mailbox_id: string;
  scope: string;
}

export function exchangeCode(
  store: Store,
  config: EDeliveryConfig,
  body: { grant_type?: string; code?: string; redirect_uri?: string; code_verifier?: string },
): TokenResponse {
  if (body.grant_type !== 'authorization_code' || !body.code || !body.code_verifier)
    throw new AppError('oauth.invalid_request', { details: { reason: 'grant' } });
  const codeHash = sha(body.code);
  let out: TokenResponse | undefined;
  store.exec('begin immediate');
  try {
    const row = rowAs<{
      user_id: string;
      client_id: string;
      redirect_uri: string;
      code_challenge: string;
      scope: string;
      expires_at: number;
      used: number;
    }>(store.prepare('select * from codes where code_hash = ?').get(codeHash));
    if (row?.used) {
      // A replayed code: RFC 6749 §4.1.2 — refuse, and revoke what the first use obtained.
      store.prepare('delete from tokens where code_hash = ?').run(codeHash);
    } else if (
      row &&
      row.expires_at >= Date.now() &&
      row.client_id === config.clientId &&
      row.redirect_uri === body.redirect_uri &&
      PKCE.test(body.code_verifier) &&
      safeEqual(sha(body.code_verifier), row.code_challenge)
    ) {
      const token = random();
      const user = rowAs<UserRow>(
        store.prepare('select * from users where id = ?').get(row.user_id),
      ) as UserRow;
      store
        .prepare(
          'insert into tokens (token_hash, user_id, client_id, scope, code_hash, expires_at) values (?, ?, ?, ?, ?, ?)',
        )
        .run(sha(token), row.user_id, row.client_id, row.scope, codeHash, Date.now() + TOKEN_TTL_S * 1000);
      out = {
        access_token: token,
        token_type: 'Bearer',
        expires_in: TOKEN_TTL_S,
        mailbox_id: user.mailbox_id,
        scope: row.scope,
      };
    }
    // Any attempt spends the code, right or wrong, so a verifier cannot be guessed over retries.
    if (row) store.prepare('update codes set used = 1 where code_hash = ?').run(codeHash);
    store.exec('commit');
  } catch (e) {
    store.exec('rollback');
    throw e;
  }
  if (!out) throw new AppError('oauth.invalid_grant');
  return out;
}

export function userForToken(store: Store, authorization: string | undefined): UserRow {
  const m = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(authorization ?? '');
  const row = m
    ? rowAs<{ user_id: string; expires_at: number }>(
        store.prepare('select user_id, expires_at from tokens where token_hash = ?').get(sha(m[1] as string)),
      )
    : undefined;
  if (!row || row.expires_at < Date.now()) throw new AppError('oauth.invalid_token');
  return rowAs<UserRow>(store.prepare('select * from users where id = ?').get(row.user_id)) as UserRow;
}
