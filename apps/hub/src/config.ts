import { type LoadOptions, loadConfig, serviceFields } from '@madoguchi/config';

export const hubConfigSpec = {
  ...serviceFields('HUB', 3001),
  networkSecret: {
    kind: 'secret',
    env: 'HUB_NETWORK_SECRET',
    minLength: 32,
    doc: 'Derives the hub network key (Ed25519) that signs permits and hub → agency requests',
  },
  personSecret: {
    kind: 'secret',
    env: 'HUB_PERSON_SECRET',
    minLength: 32,
    doc: 'HMAC key for person keys and link codes (符号); changing it unlinks every registered person',
  },
  logSecret: {
    kind: 'secret',
    env: 'HUB_LOG_SECRET',
    minLength: 32,
    doc: 'Derives the exchange-log key (Ed25519) that signs checkpoints',
  },
  logOrigin: {
    kind: 'string',
    env: 'HUB_LOG_ORIGIN',
    default: 'madoguchi.localhost/exchange-log',
    doc: 'Checkpoint origin line and log key name (C2SP tlog-checkpoint)',
  },
  adminToken: {
    kind: 'secret',
    env: 'HUB_ADMIN_TOKEN',
    minLength: 32,
    doc: 'Bearer token for enrolling agency credentials',
  },
  supervisorToken: {
    kind: 'secret',
    env: 'HUB_SUPERVISOR_TOKEN',
    minLength: 32,
    doc: 'Bearer token for supervisors (個人情報保護委員会) reading exchange-log entries',
  },
  jpkiUrl: {
    kind: 'url',
    env: 'JPKI_URL',
    default: 'http://127.0.0.1:3003',
    doc: 'Base URL of the card authority (certificate → resident reference for the portal link)',
  },
  jpkiHubApiKey: {
    kind: 'secret',
    env: 'JPKI_HUB_API_KEY',
    minLength: 32,
    doc: 'API key the hub presents to jpki',
  },
} as const;

export type HubConfig = ReturnType<typeof loadHubConfig>;

export function loadHubConfig(options?: LoadOptions) {
  return loadConfig('hub', hubConfigSpec, options);
}
