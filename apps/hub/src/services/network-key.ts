import { createHash } from 'node:crypto';
import { deriveKey, type ExchangeKey, rawPublicKey } from '@madoguchi/exchange';

export interface NetworkKey extends ExchangeKey {
  /** First 16 hex digits of SHA-256 of the raw public key: names the key in permit headers. */
  kid: string;
}

/** The hub network key: signs permits and hub → agency requests (agency code `hub`). */
export function networkKeyOf(networkSecret: string): NetworkKey {
  const key = deriveKey(networkSecret, 'hub:network');
  const kid = createHash('sha256').update(rawPublicKey(key.publicKey)).digest('hex').slice(0, 16);
  return { ...key, kid };
}

/** The agency code the hub signs its own requests with. */
export const HUB_AGENCY_CODE = 'hub';
