import type { KeyObject } from 'node:crypto';
import { deriveKey, type ExchangeKey, hubNetworkKey } from '@madoguchi/exchange';
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
  const hubKey = hubNetworkKey(config);
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
    hubKey,
  };
}
