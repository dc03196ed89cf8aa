import { createHash, randomBytes, type X509Certificate } from 'node:crypto';
import { AppError } from '@madoguchi/errors';
import {
  buildOcspRequest,
  type OcspCertStatus,
  parseCertificate,
  readOcspResponse,
  serialOf,
} from '@madoguchi/pki';

export interface JpkiClientOptions {
  jpkiUrl: string;
  apiKey: string;
  /** Hex SHA-256 the root must have; empty trusts the first root fetched (development). */
  rootSha256: string;
  ocspCacheMs: number;
  timeoutMs?: number;
}

export interface Trust {
  root: X509Certificate;
  authCa: X509Certificate;
  rootPem: string;
  authCaPem: string;
}

interface Cached<T> {
  value: T;
  until: number;
}

/** Small bounded cache: drops the oldest entries first when full. */
function boundedCache<T>(max: number) {
  const map = new Map<string, Cached<T>>();
  return {
    get(key: string, now: number): T | undefined {
      const hit = map.get(key);
      if (!hit) return undefined;
      if (hit.until <= now) {
        map.delete(key);
        return undefined;
      }
      return hit.value;
    },
    set(key: string, value: T, until: number): void {
      if (map.size >= max) map.delete(map.keys().next().value as string);
      map.set(key, { value, until });
    },
    clear: () => map.clear(),
  };
}

/**
 * The portal's view of the card authority: its trust anchors, OCSP status (cached briefly) and the
 * certificate → pairwise subject mapping. Every failure to reach jpki surfaces as
 * `login.status_unavailable`, so login fails closed.
 */
export function createJpkiClient(options: JpkiClientOptions) {
  const timeout = options.timeoutMs ?? 3000;
  let trust: Trust | undefined;
  const statuses = boundedCache<OcspCertStatus>(100_000);
  const subjects = boundedCache<string>(100_000);

  async function call(path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(`${options.jpkiUrl}${path}`, { ...init, signal: AbortSignal.timeout(timeout) });
    } catch (cause) {
      throw new AppError('login.status_unavailable', { cause });
    }
  }

  async function fetchPem(path: string): Promise<string> {
    const res = await call(path, {});
    if (!res.ok) throw new AppError('login.status_unavailable', { details: { upstreamStatus: res.status } });
    return res.text();
  }

  return {
    async trust(): Promise<Trust> {
      if (trust) return trust;
      const [rootPem, authCaPem] = await Promise.all([fetchPem('/ca/root.pem'), fetchPem('/ca/auth.pem')]);
      const root = parseCertificate(rootPem);
      const authCa = parseCertificate(authCaPem);
      const fingerprint = createHash('sha256').update(root.raw).digest('hex');
      if (options.rootSha256 && fingerprint !== options.rootSha256.toLowerCase().replaceAll(':', ''))
        throw new AppError('login.status_unavailable', { details: { reason: 'root_fingerprint_mismatch' } });
      if (!authCa.checkIssued(root) || !authCa.verify(root.publicKey))
        throw new AppError('login.status_unavailable', { details: { reason: 'auth_ca_not_under_root' } });
      trust = { root, authCa, rootPem, authCaPem };
      return trust;
    },

    /** RFC 6960 status of an authentication certificate, from cache or from jpki's responder. */
    async status(cert: X509Certificate, certPem: string, now = Date.now()): Promise<OcspCertStatus> {
      const key = serialOf(cert);
      const hit = statuses.get(key, now);
      if (hit) return hit;
      const t = await this.trust();
      const nonce = randomBytes(16);
      const res = await call('/ocsp', {
        method: 'POST',
        headers: { 'content-type': 'application/ocsp-request' },
        body: buildOcspRequest({ certificatePem: certPem, issuerPem: t.authCaPem, nonce }),
      });
      if (!res.ok)
        throw new AppError('login.status_unavailable', { details: { upstreamStatus: res.status } });
      let status: OcspCertStatus;
      try {
        status = await readOcspResponse(Buffer.from(await res.arrayBuffer()), {
          certificatePem: certPem,
          issuerPem: t.authCaPem,
          nonce,
        });
      } catch (cause) {
        throw new AppError('login.status_unavailable', {
          cause,
          details: { reason: 'ocsp_response_rejected' },
        });
      }
      // Only "good" is cached: a revoked certificate stays revoked, and "unknown" is worth asking again.
      if (status.status === 'good' && options.ocspCacheMs > 0)
        statuses.set(key, status, now + options.ocspCacheMs);
      return status;
    },

    /** The portal's pairwise subject for the person holding this authentication certificate. */
    async identify(cert: X509Certificate, now = Date.now()): Promise<string> {
      const key = createHash('sha256').update(cert.raw).digest('base64url');
      const hit = subjects.get(key, now);
      if (hit) return hit;
      const res = await call('/api/rp/identify', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey}` },
        body: JSON.stringify({ certificate: cert.raw.toString('base64') }),
      });
      if (res.status === 404) throw new AppError('certificate.untrusted');
      if (!res.ok)
        throw new AppError('login.status_unavailable', { details: { upstreamStatus: res.status } });
      const body = (await res.json()) as { subject?: unknown };
      if (typeof body.subject !== 'string' || body.subject.length < 16)
        throw new AppError('login.status_unavailable', { details: { reason: 'identify_response_invalid' } });
      // The mapping never changes for a certificate; the cache only bounds memory.
      subjects.set(key, body.subject, now + 10 * 60_000);
      return body.subject;
    },

    clearCaches(): void {
      statuses.clear();
      subjects.clear();
      trust = undefined;
    },
  };
}

export type JpkiClient = ReturnType<typeof createJpkiClient>;
