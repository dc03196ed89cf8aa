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
  jpkiVerifierApiKey: {
    kind: 'secret',
    env: 'JPKI_VERIFIER_API_KEY',
    minLength: 32,
    doc: "Bearer key of jpki's signature verification service, which checks the card signature on submitted applications (the same value jpki is given)",
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
  jobConcurrency: {
    kind: 'int',
    env: 'PORTAL_JOB_CONCURRENCY',
    default: 4,
    min: 1,
    max: 8,
    doc: 'Jobs the portal runs at once (mail alerts, e-delivery webhooks); each holds one of the 10 database connections while it runs',
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
  // 民間送達サービス連携 (private e-delivery, docs/notices.md).
  eDeliveryUrl: {
    kind: 'url',
    env: 'E_DELIVERY_URL',
    default: 'http://localhost:3040',
    doc: 'Base URL of the private e-delivery service (OAuth, webhooks, deduction certificates)',
  },
  eDeliveryClientId: {
    kind: 'string',
    env: 'E_DELIVERY_CLIENT_ID',
    default: 'madoguchi-portal',
    doc: "The portal's OAuth client id at e-delivery",
  },
  eDeliveryClientSecret: {
    kind: 'secret',
    env: 'E_DELIVERY_CLIENT_SECRET',
    minLength: 32,
    doc: "The portal's OAuth client secret at e-delivery (e-delivery must be given the same value)",
  },
  webhookSecret: {
    kind: 'secret',
    env: 'PORTAL_WEBHOOK_SECRET',
    minLength: 32,
    doc: 'Seed of the Ed25519 key that signs webhooks to e-delivery (published at /.well-known/webhook-keys.json) and of the key that encrypts stored access tokens',
  },
  eDeliveryIssuerCa: {
    kind: 'string',
    env: 'E_DELIVERY_ISSUER_CA',
    default: '',
    doc: 'PEM file of the trust anchor for deduction-certificate issuers; required in production (development fetches {E_DELIVERY_URL}/ca.pem)',
  },
  hubNetworkPublicKey: {
    kind: 'string',
    env: 'HUB_NETWORK_PUBLIC_KEY',
    default: '',
    doc: 'The hub network key (base64 of the raw Ed25519 key, as served at GET /api/network/key) that signs notices forwarded to the portal; required in production (development fetches it from the hub once)',
  },
  // ぴったりサービス (issue 7): the portal follows the agency's public catalogue feed.
  agencyUrl: {
    kind: 'url',
    env: 'AGENCY_URL',
    default: 'http://127.0.0.1:3002',
    doc: 'Base URL of the agency back office, whose public catalogue feed the service search follows',
  },
  catalogueSyncSeconds: {
    kind: 'int',
    env: 'CATALOGUE_SYNC_SECONDS',
    default: 30,
    min: 0,
    max: 3600,
    doc: 'How often the portal polls the agency catalogue feed for published or withdrawn services (0 = only at boot)',
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
  if (config.eDeliveryIssuerCa === '')
    problems.push(
      'E_DELIVERY_ISSUER_CA is required in production: the PEM file of the deduction-certificate issuer trust anchor, pinned so imported 控除証明書 are verified against a known root',
    );
  if (config.hubNetworkPublicKey === '')
    problems.push(
      'HUB_NETWORK_PUBLIC_KEY is required in production: the hub network key (curl $HUB_URL/api/network/key), pinned so only the hub can put notices into inboxes',
    );
  if (problems.length > 0) throw new ConfigError('portal', problems);
  return config;
}
