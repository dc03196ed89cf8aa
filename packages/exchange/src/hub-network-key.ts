import type { KeyObject } from 'node:crypto';
import { AppError } from '@madoguchi/errors';
import { publicKeyFromB64 } from './keys.ts';

/**
 * The hub's network key (it signs permits and the hub's own requests): pinned by
 * `HUB_NETWORK_PUBLIC_KEY` (required in production), otherwise fetched once from
 * `{HUB_URL}/api/network/key` (development, tests). Used by the intermediate servers and the portal.
 */
export function hubNetworkKey(config: {
  hubNetworkPublicKey: string;
  hubUrl: string;
}): () => Promise<KeyObject> {
  const pinned = config.hubNetworkPublicKey === '' ? undefined : publicKeyFromB64(config.hubNetworkPublicKey);
  let fetched: Promise<KeyObject> | undefined;
  return () => {
    if (pinned) return Promise.resolve(pinned);
    if (!fetched) {
      const fetching = fetchHubKey(config.hubUrl);
      fetched = fetching;
      // A failed fetch is not cached: the next request tries again once the hub is up.
      fetching.catch(() => {
        if (fetched === fetching) fetched = undefined;
      });
    }
    return fetched;
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
