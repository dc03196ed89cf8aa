import { AppError } from '@madoguchi/errors';
import { deriveKey, type LogBundle, type ProviderAnswer, signedFetch } from '@madoguchi/exchange';

/**
 * The portal's side of the exchange network (docs/exchange.md): every call to the hub is signed as
 * agency `portal`; answers from intermediate servers are fetched with the permit alone (a bearer
 * credential bound to one provider).
 */
export interface HubClientOptions {
  hubUrl: string;
  /** PORTAL_EXCHANGE_SECRET: the portal's key is deriveKey(secret, "agency:portal"). */
  exchangeSecret: string;
  /** Pinned C2SP vkey of the exchange log; empty fetches GET /log/key once (development). */
  logVkey: string;
  timeoutMs?: number;
}

export const PORTAL_AGENCY_CODE = 'portal';
/** 事務 of the portal's own reads: showing a person what agencies hold about them (自己情報表示). */
export const HONNIN_KAIJI_TASK = 'honnin-kaiji';
/** A provider that does not answer within this long is shown as unavailable (docs/exchange.md). */
export const ANSWER_TIMEOUT_MS = 3000;

export interface PermitGrant {
  provider: string;
  providerName?: string;
  endpointUrl: string;
  permit: string;
  entryId: string;
  infoTypes: string[];
}

export interface PermitRefusal {
  provider: string;
  entryId: string;
  infoTypes: string[];
  reason: string;
}

export interface PermitsAnswer {
  permits: PermitGrant[];
  refusals: PermitRefusal[];
}

export interface HistoryFilters {
  from?: string;
  to?: string;
  agency?: string;
  task?: string;
  limit?: number;
  before?: number;
}

/** One entry as the hub lists it; `entry` is the canonical text the log's leaf hash covers. */
export interface PersonLogItem {
  index: number | null;
  entryId?: string;
  entry: string;
  [name: string]: unknown;
}

export interface PersonLogPage {
  entries: PersonLogItem[];
  next?: number | null;
}

export interface PersonProof {
  index: number;
  entry: string;
  inclusionProof: string[];
  checkpoint: string;
}

export function createHubClient(options: HubClientOptions) {
  const key = deriveKey(options.exchangeSecret, `agency:${PORTAL_AGENCY_CODE}`);
  const timeoutMs = options.timeoutMs ?? 5000;
  let vkey: Promise<string> | undefined = options.logVkey ? Promise.resolve(options.logVkey) : undefined;

  function call<T>(path: string, body: unknown): Promise<T> {
    return signedFetch<T>({
      baseUrl: options.hubUrl,
      path,
      body,
      agency: PORTAL_AGENCY_CODE,
      key: key.privateKey,
      timeoutMs,
    });
  }

  async function fetchVkey(): Promise<string> {
    let res: Response;
    try {
      res = await fetch(new URL('/log/key', options.hubUrl), { signal: AbortSignal.timeout(timeoutMs) });
    } catch (cause) {
      throw new AppError('upstream.unavailable', { cause });
    }
    if (!res.ok) throw new AppError('upstream.unavailable', { details: { upstreamStatus: res.status } });
    return (await res.text()).trim();
  }

  return {
    agencyCode: PORTAL_AGENCY_CODE,
    publicKeyB64: key.publicKeyB64,

    /** The person's link code at the portal, from the certificate they just logged in with. */
    async linkPortal(certificateDer: Buffer): Promise<string> {
      const r = await call<{ fugo?: unknown }>('/api/fugo/portal', {
        certificate: certificateDer.toString('base64'),
      });
      if (typeof r.fugo !== 'string' || r.fugo.length === 0)
        throw new AppError('upstream.unavailable', { details: { reason: 'fugo_response_invalid' } });
      return r.fugo;
    },

    permits(fugo: string, infoTypes: readonly string[]): Promise<PermitsAnswer> {
      return call<PermitsAnswer>('/api/permits', { task: HONNIN_KAIJI_TASK, fugo, infoTypes });
    },

    /** One provider's answer; unreachable, slow or 5xx becomes `exchange.provider_unavailable`. */
    answer(endpointUrl: string, permit: string): Promise<ProviderAnswer> {
      return signedFetch<ProviderAnswer>({
        baseUrl: endpointUrl,
        path: '/answer',
        body: { permit },
        timeoutMs: ANSWER_TIMEOUT_MS,
        unreachableCode: 'exchange.provider_unavailable',
      });
    },

    logEntries(person: string, filters: HistoryFilters): Promise<PersonLogPage> {
      return call<PersonLogPage>('/api/log/person/entries', { person, ...filters });
    },

    logProof(person: string, entryId: string): Promise<PersonProof> {
      return call<PersonProof>('/api/log/person/proof', { person, entryId });
    },

    logBundle(person: string, filters: HistoryFilters): Promise<LogBundle> {
      return call<LogBundle>('/api/log/person/bundle', { person, ...filters });
    },

    /** The log's verifier key: pinned in production, fetched once otherwise (a failed fetch is retried). */
    logVkey(): Promise<string> {
      if (!vkey) {
        vkey = fetchVkey();
        vkey.catch(() => {
          vkey = undefined;
        });
      }
      return vkey;
    },
  };
}

export type HubClient = ReturnType<typeof createHubClient>;
