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
  ...mailFields,
} as const;

export type PortalConfig = ReturnType<typeof loadPortalConfig>;

/** In production the JPKI root is pinned: trusting whatever root the network hands over is for development. */
export function loadPortalConfig(options?: LoadOptions) {
  const config = loadConfig('portal', portalConfigSpec, options);
  if (config.mode === 'production' && !/^([0-9a-fA-F]{2}:?){32}$/.test(config.jpkiRootSha256))
    throw new ConfigError('portal', [
      'JPKI_ROOT_SHA256 is required in production: the SHA-256 fingerprint of the JPKI root certificate (openssl x509 -noout -fingerprint -sha256 -in root.pem)',
    ]);
  return config;
}
