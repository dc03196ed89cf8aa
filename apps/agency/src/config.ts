import { ConfigError, type LoadOptions, loadConfig, serviceFields } from '@madoguchi/config';
import { publicKeyFromB64 } from '@madoguchi/exchange';

export const agencyConfigSpec = {
  ...serviceFields('AGENCY', 3002),
  staffToken: {
    kind: 'secret',
    env: 'AGENCY_STAFF_TOKEN',
    minLength: 32,
    doc: 'Token staff present to the agency back office (until staff SSO)',
  },
  sessionSecret: {
    kind: 'secret',
    env: 'AGENCY_SESSION_SECRET',
    minLength: 32,
    doc: 'Key that signs staff session cookies',
  },
  portalUrl: {
    kind: 'url',
    env: 'PORTAL_URL',
    default: 'http://127.0.0.1:3000',
    doc: 'Base URL of the portal (machine API)',
  },
  portalMachineToken: {
    kind: 'secret',
    env: 'PORTAL_MACHINE_TOKEN',
    minLength: 32,
    doc: 'Bearer token for the portal machine API',
  },
  exchangeSecret: {
    kind: 'secret',
    env: 'AGENCY_EXCHANGE_SECRET',
    minLength: 32,
    doc: 'Derives each hosted agency\'s exchange key (Ed25519): deriveKey(secret, "agency:<code>")',
  },
  hubUrl: {
    kind: 'url',
    env: 'HUB_URL',
    default: 'http://127.0.0.1:3001',
    doc: 'Base URL of the exchange hub (情報提供ネットワークシステム)',
  },
  publicUrl: {
    kind: 'url',
    env: 'AGENCY_PUBLIC_URL',
    default: 'http://127.0.0.1:3002',
    doc: 'Base URL other participants reach this app at; endpoints are <url>/api/intermediate/<code>',
  },
  hubNetworkPublicKey: {
    kind: 'string',
    env: 'HUB_NETWORK_PUBLIC_KEY',
    default: '',
    doc: "The hub network key (base64 raw Ed25519) that signs permits and hub requests; required in production, fetched from the hub's /api/network/key otherwise",
  },
  jobWorker: {
    kind: 'enum',
    env: 'AGENCY_JOB_WORKER',
    values: ['auto', 'on', 'off'],
    default: 'auto',
    doc: 'Run the job worker here (notice fan-out, daily notice schedule): auto = on except in tests',
  },
} as const;

export type AgencyConfig = ReturnType<typeof loadAgencyConfig>;

export function loadAgencyConfig(options?: LoadOptions) {
  const config = loadConfig('agency', agencyConfigSpec, options);
  // Trusting a key fetched over the network is fine on a developer's machine, not in production:
  // whoever answers for the hub there could mint permits.
  if (config.mode === 'production' && config.hubNetworkPublicKey === '')
    throw new ConfigError('agency', [
      'HUB_NETWORK_PUBLIC_KEY is required in production (pin the hub network key; see docs/exchange.md)',
    ]);
  if (config.hubNetworkPublicKey !== '')
    try {
      publicKeyFromB64(config.hubNetworkPublicKey);
    } catch {
      throw new ConfigError('agency', ['HUB_NETWORK_PUBLIC_KEY must be base64 of a raw 32-byte Ed25519 key']);
    }
  return config;
}
