/**
 * Who is calling: every agency-to-hub call is a signed request (docs/exchange.md), checked over the exact
 * body bytes against the key enrolled for the agency. Keys are cached in memory and reloaded after each
 * enrollment; nonces are remembered per app for the signature window.
 */
import type { KeyObject } from 'node:crypto';
import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { NonceCache, publicKeyFromB64, verifySignedRequest } from '@madoguchi/exchange';
import type { HttpApp } from '@madoguchi/http';
import type { FastifyRequest } from 'fastify';
import { type AgencyKindCode, kindOfAgency } from '../bessyo2/index.ts';
import { listEnrolledAgencies } from '../data/credentials.ts';
import type { HubDB } from '../data/schema.ts';

export interface CallingAgency {
  code: string;
  kind: AgencyKindCode;
}

interface EnrolledKey {
  key: KeyObject;
  endpointUrl: string | null;
  name: string;
}

/** The per-app state: enrolled keys (loaded lazily, reloaded on enrollment) and the nonce memory. */
export class AgencyRegistry {
  readonly nonces = new NonceCache();
  #db: Kysely<HubDB>;
  #keys: Promise<Map<string, EnrolledKey>> | undefined;

  constructor(db: Kysely<HubDB>) {
    this.#db = db;
  }

  /** The enrolled agencies; concurrent callers share one load. */
  enrolled(): Promise<Map<string, EnrolledKey>> {
    this.#keys ??= listEnrolledAgencies(this.#db).then(
      (rows) =>
        new Map(
          rows.map((r) => [
            r.code,
            {
              key: publicKeyFromB64(r.publicKey.toString('base64')),
              endpointUrl: r.endpointUrl,
              name: r.name,
            },
          ]),
        ),
      (err) => {
        this.#keys = undefined;
        throw err;
      },
    );
    return this.#keys;
  }

  /** Called after an enrollment commits, so the next request sees the new key. */
  refresh(): void {
    this.#keys = undefined;
  }
}

const REGISTRY = Symbol('madoguchi.agencyRegistry');
const rawBodies = new WeakMap<object, Buffer>();

/**
 * Parses JSON bodies as Fastify does, keeping the raw bytes for signature checks: a signature covers
 * what was sent, not what a re-serialization would produce.
 */
export function installAgencyAuth(app: HttpApp, db: Kysely<HubDB>): AgencyRegistry {
  const registry = new AgencyRegistry(db);
  app.decorate(REGISTRY, registry);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    const raw = body as Buffer;
    rawBodies.set(req, raw);
    if (raw.length === 0) return done(null, undefined);
    try {
      done(null, JSON.parse(raw.toString('utf8')));
    } catch (err) {
      (err as Error & { statusCode?: number }).statusCode = 400;
      done(err as Error, undefined);
    }
  });
  return registry;
}

/** The registry installed on this app (children of the root instance see it through decoration). */
export function agencyRegistryOf(req: FastifyRequest): AgencyRegistry {
  const r = (req.server as unknown as Record<symbol, AgencyRegistry | undefined>)[REGISTRY];
  if (r === undefined) throw new Error('agency-auth: installAgencyAuth was not called on this app');
  return r;
}

/** The exact body bytes of the request (empty for a request without a body). */
export function rawBodyOf(req: FastifyRequest): Buffer {
  return rawBodies.get(req) ?? Buffer.alloc(0);
}

/**
 * The verified calling agency, or throws: `auth.required` without signature headers,
 * `exchange.signature_invalid` (details.reason) for a bad one, `exchange.agency_kind_not_allowed` when
 * the agency's kind may not call this route.
 */
export async function requireAgency(
  req: FastifyRequest,
  allowedKinds?: readonly AgencyKindCode[],
): Promise<CallingAgency> {
  const registry = agencyRegistryOf(req);
  const keys = await registry.enrolled();
  const check = verifySignedRequest({
    headers: req.headers,
    method: req.method,
    path: req.url,
    body: rawBodyOf(req),
    keyOf: (code) => keys.get(code)?.key,
    nonces: registry.nonces,
  });
  if (!check.ok) {
    if (check.reason === 'missing') throw new AppError('auth.required');
    throw new AppError('exchange.signature_invalid', { details: { reason: check.reason } });
  }
  const kind = kindOfAgency(check.agency);
  if (kind === null || (allowedKinds !== undefined && !allowedKinds.includes(kind)))
    throw new AppError('exchange.agency_kind_not_allowed');
  return { code: check.agency, kind };
}

const callers = new WeakMap<object, CallingAgency>();

/**
 * A `preValidation` hook: the signature is checked after the body is read (it covers the bytes) and
 * before the schema, so an unsigned caller learns nothing about what a valid body looks like.
 */
export function agencyGuard(allowedKinds?: readonly AgencyKindCode[]) {
  return async (req: FastifyRequest): Promise<void> => {
    callers.set(req, await requireAgency(req, allowedKinds));
  };
}

/** The caller verified by `agencyGuard` for this request. */
export function callerOf(req: FastifyRequest): CallingAgency {
  const c = callers.get(req);
  if (c === undefined) throw new Error('agency-auth: route has no agencyGuard');
  return c;
}
