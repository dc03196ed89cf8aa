import type { KeyObject } from 'node:crypto';
import { AppError } from '@madoguchi/errors';
import { deriveKey, type ExchangeKey, publicKeyFromB64 } from '@madoguchi/exchange';
import type { AgencyConfig } from '../../config.ts';

/**
 * The exchange keys of this intermediate-server platform: one Ed25519 key per hosted agency, derived
 * from one secret (docs/exchange.md), and the hub's network key that signs permits and hub requests.
 */
export interface ExchangeKeys {
  agencyKey(code: string): ExchangeKey;
  endpointUrl(code: string): string;
  /** The hub network key: pinned by config, or (development, test) fetched once from the hub. */
  hubKey(): Promise<KeyObject>;
}

export function exchangeKeys(config: AgencyConfig): ExchangeKeys {
  const derived = new Map<string, ExchangeKey>();
  let hub: Promise<KeyObject> | undefined;
  const pinned = config.hubNetworkPublicKey === '' ? undefined : publicKeyFromB64(config.hubNetworkPublicKey);
  const base = config.publicUrl.replace(/\/$/, '');
  return {
    agencyKey(code) {
      let key = derived.get(code);
      if (!key) {
        key = deriveKey(config.exchangeSecret, `agency:${code}`);
        derived.set(code, key);
      }
      return key;
    },
    endpointUrl: (code) => `${base}/api/intermediate/${encodeURIComponent(code)}`,
    hubKey() {
      if (pinned) return Promise.resolve(pinned);
      if (!hub) {
        const fetching = fetchHubKey(config.hubUrl);
        hub = fetching;
        // A failed fetch is not cached: the next request tries again once the hub is up.
        fetching.catch(() => {
          if (hub === fetching) hub = undefined;
        });
      }
      return hub;
    },
  };
}

async function fetchHubKey(hubUrl: string): Promise<KeyObject> {
  try {
    const res = await fetch(new URL('/api/network/key', hubUrl), { signal: AbortSignal.timeout(3000) });
    if (!res.ok) throw new Error(`hub answered ${res.status}`);
    const body = (await res.json()) as { publicKey?: unknown };
    if (typeof body.publicKey !== 'string') throw new Error('hub key response has no publicKey');
    return publicKeyFromB64(body.publicKey);
  } catch (err) {
    throw new AppError('upstream.unavailable', { cause: err, details: { upstream: 'hub' } });
  }
}
