import type { Kysely } from '@madoguchi/db';
import {
  buildOcspErrorResponse,
  buildOcspResponse,
  certIdMatchesIssuer,
  type OcspCertId,
  type OcspCertStatus,
  parseOcspRequest,
} from '@madoguchi/pki';
import { type CertificateRow, findCertificateStatus } from '../data/certificates.ts';
import type { CertificateKind, JpkiDB } from '../data/schema.ts';
import type { CaHierarchy } from './ca-store.ts';

/** How long a relying party may cache a good answer. */
const validityMs = 3600_000;

/**
 * Which issuing CA a CertID names. certIdMatchesIssuer hashes the issuer's name and key; the answer
 * only depends on the hash triple, so it is remembered (a handful of entries: 2 CAs × 2 hashes).
 */
function issuerResolver(ca: CaHierarchy) {
  const cache = new Map<string, CertificateKind | undefined>();
  return (certId: OcspCertId): CertificateKind | undefined => {
    const key = `${certId.hashAlgorithm}/${certId.issuerNameHash}/${certId.issuerKeyHash}`;
    if (cache.has(key)) return cache.get(key);
    const kind = (['sign', 'auth'] as const).find((k) =>
      certIdMatchesIssuer(certId, ca.issuing[k].issuer.certificatePem),
    );
    if (cache.size < 64) cache.set(key, kind);
    return kind;
  };
}

function statusOf(row: CertificateRow | undefined, kind: CertificateKind | undefined): OcspCertStatus {
  if (!row || !kind || row.kind !== kind) return { status: 'unknown' };
  if (row.status === 'revoked' && row.revokedAt && row.reason)
    return { status: 'revoked', revokedAt: row.revokedAt, reason: row.reason };
  return { status: 'good' };
}

/** A bounded map that forgets everything when full: simple, and enough for a hot set of requests. */
class BoundedCache<V> {
  readonly #map = new Map<string, V>();
  readonly #max: number;
  constructor(max: number) {
    this.#max = max;
  }
  get(key: string): V | undefined {
    return this.#map.get(key);
  }
  set(key: string, value: V): void {
    if (this.#map.size >= this.#max) this.#map.clear();
    this.#map.set(key, value);
  }
}

/** Parsing a request costs more than the database lookup; the same bytes parse the same way. */
const parsedRequests = new BoundedCache<ReturnType<typeof parseOcspRequest>>(2_000);
const reuseMs = 60_000;

/**
 * Pre-produced responses (RFC 6960 §2.5 allows them) for requests without a nonce, keyed by the
 * request AND the status just read from the database, so a revocation shows in the very next answer.
 * Signing dominates the responder's cost; this keeps a hot certificate's answer to one query.
 */
const perCa = new WeakMap<
  CaHierarchy,
  {
    resolve: ReturnType<typeof issuerResolver>;
    signed: BoundedCache<{ der: Buffer; producedAt: number }>;
  }
>();

function parseCached(der: Buffer): ReturnType<typeof parseOcspRequest> | undefined {
  const key = der.toString('base64');
  const hit = parsedRequests.get(key);
  if (hit) return hit;
  try {
    const parsed = parseOcspRequest(der);
    parsedRequests.set(key, parsed);
    return parsed;
  } catch {
    return undefined;
  }
}

/**
 * RFC 6960 responder: one indexed query for all CertIDs; each answered by serial AND issuer hashes,
 * so a serial of the other CA (or a foreign CA) is `unknown`. The response is signed by the
 * delegated OCSP signer of the CA the first CertID names.
 */
export async function answerOcsp(
  db: Kysely<JpkiDB>,
  ca: CaHierarchy,
  der: Buffer,
  now = new Date(),
): Promise<Buffer> {
  const request = parseCached(der);
  const first = request?.certIds[0];
  if (!request || !first) return buildOcspErrorResponse('malformedRequest');
  let state = perCa.get(ca);
  if (!state) {
    state = { resolve: issuerResolver(ca), signed: new BoundedCache(10_000) };
    perCa.set(ca, state);
  }
  const { resolve, signed: signedResponses } = state;
  const responderKind = resolve(first);
  if (!responderKind) return buildOcspErrorResponse('unauthorized');
  const rows = await findCertificateStatus(
    db,
    request.certIds.map((c) => c.serial),
  );
  const responses = request.certIds.map((certId) => ({
    certId,
    status: statusOf(rows.get(certId.serial), resolve(certId) === responderKind ? responderKind : undefined),
  }));
  const cacheKey = request.nonce
    ? undefined
    : `${der.toString('base64')}|${responses.map((r) => JSON.stringify(r.status)).join('|')}`;
  const cached = cacheKey ? signedResponses.get(cacheKey) : undefined;
  if (cached && now.getTime() - cached.producedAt < reuseMs && cached.producedAt <= now.getTime())
    return cached.der;
  const responder = ca.ocsp[responderKind].issuer;
  const response = await buildOcspResponse({
    responderCertificatePem: responder.certificatePem,
    responderSigner: responder.signer,
    responses,
    thisUpdate: now,
    nextUpdate: new Date(now.getTime() + validityMs),
    producedAt: now,
    ...(request.nonce ? { nonce: request.nonce } : {}),
  });
  if (cacheKey) signedResponses.set(cacheKey, { der: response, producedAt: now.getTime() });
  return response;
}
