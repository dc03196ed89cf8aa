import { ConfigError, type LoadOptions, loadConfig, serviceFields } from '@madoguchi/config';
import { mailFields } from '@madoguchi/mail';

export const portalConfigSpec = {
  ...serviceFields('PORTAL', 3000),
  machineToken: {
    kind: 'secret',
    env: 'PORTAL_MACHINE_TOKEN',
    minLength: 32,
    doc: 'Bearer token the agency back office uses to read inquiries from the portal',
  },
  publicUrl: {
    kind: 'url',
    env: 'PORTAL_PUBLIC_URL',
    default: 'http://127.0.0.1:3000',
    doc: 'Origin people use to reach the portal (card login signatures are bound to it; links in mail use it)',
  },
  jpkiUrl: {
    kind: 'url',
    env: 'JPKI_URL',
    default: 'http://127.0.0.1:3003',
    doc: 'Base URL of the card authority (CA certificates, OCSP, identify API)',
  },
  jpkiPortalApiKey: {
    kind: 'secret',
    env: 'JPKI_PORTAL_API_KEY',
    minLength: 32,
    doc: "The portal's relying-party key at the card authority",
  },
  jpkiRootSha256: {
    kind: 'string',
    env: 'JPKI_ROOT_SHA256',
    default: '',
    doc: 'SHA-256 fingerprint (hex) the JPKI root certificate must have; required in production (development trusts the first root fetched)',
  },
  cardAgentUrl: {
    kind: 'url',
    env: 'CARD_AGENT_URL',
    default: 'http://127.0.0.1:3090',
    doc: 'Where browsers reach the card reader agent (login page talks to it)',
  },
  ocspCacheSeconds: {
    kind: 'int',
    env: 'PORTAL_OCSP_CACHE_SECONDS',
    default: 60,
    min: 0,
    max: 3600,
    doc: 'How long a certificate status from OCSP is reused',
  },
  exchangeSecret: {
    kind: 'secret',
    env: 'PORTAL_EXCHANGE_SECRET',
    minLength: 32,
    doc: "Derives the portal's exchange-network key (agency code `portal`) that signs its requests to the hub",
  },
  hubUrl: {
    kind: 'url',
    env: 'HUB_URL',
    default: 'http://127.0.0.1:3001',
    doc: 'Base URL of the exchange hub (link codes, permits, the exchange log)',
  },
  hubLogVkey: {
    kind: 'string',
    env: 'HUB_LOG_VKEY',
    default: '',
    doc: "The exchange log's C2SP verifier key (as served at GET /log/key); required in production (development fetches it from the hub once)",
  },
  ...mailFields,
} as const;

export type PortalConfig = ReturnType<typeof loadPortalConfig>;

/**
 * In production the trust anchors are pinned: the JPKI root and the exchange log's verifier key.
 * Trusting whatever the network hands over is for development.
 */
export function loadPortalConfig(options?: LoadOptions) {
  const config = loadConfig('portal', portalConfigSpec, options);
  if (config.mode !== 'production') return config;
  const problems: string[] = [];
  if (!/^([0-9a-fA-F]{2}:?){32}$/.test(config.jpkiRootSha256))
    problems.push(
      'JPKI_ROOT_SHA256 is required in production: the SHA-256 fingerprint of the JPKI root certificate (openssl x509 -noout -fingerprint -sha256 -in root.pem)',
    );
  if (config.hubLogVkey === '')
    problems.push(
      'HUB_LOG_VKEY is required in production: the exchange log verifier key (curl $HUB_URL/log/key), pinned so a compromised hub cannot swap the key that 検証 checks against',
    );
  if (problems.length > 0) throw new ConfigError('portal', problems);
  return config;
}
