import { type LoadOptions, loadConfig, serviceFields } from '@madoguchi/config';

export const jpkiConfigSpec = {
  ...serviceFields('JPKI', 3003),
  keyPassphrase: {
    kind: 'secret',
    env: 'JPKI_KEY_PASSPHRASE',
    minLength: 32,
    doc: 'Passphrase that encrypts the CA private keys at rest',
  },
  staffToken: {
    kind: 'secret',
    env: 'JPKI_STAFF_TOKEN',
    minLength: 32,
    doc: 'Bearer token of the municipal staff API of the card authority (card issuance, revocation)',
  },
  portalApiKey: {
    kind: 'secret',
    env: 'JPKI_PORTAL_API_KEY',
    minLength: 32,
    doc: 'Bearer token the portal uses for the relying-party identify API',
  },
  hubApiKey: {
    kind: 'secret',
    env: 'JPKI_HUB_API_KEY',
    minLength: 32,
    doc: 'Bearer token the exchange hub uses to map a card login to the resident (POST /api/hub/resident-ref)',
  },
  verifierApiKey: {
    kind: 'secret',
    env: 'JPKI_VERIFIER_API_KEY',
    minLength: 32,
    doc: 'Bearer token of the signature verification service',
  },
  pairwiseSecret: {
    kind: 'secret',
    env: 'JPKI_PAIRWISE_SECRET',
    minLength: 32,
    doc: 'HMAC key that derives the pairwise subject a relying party sees for a person',
  },
  publicUrl: {
    kind: 'url',
    env: 'JPKI_PUBLIC_URL',
    default: 'http://127.0.0.1:3003',
    doc: 'Public base URL of the card authority, written into certificates (CRL distribution point, OCSP)',
  },
} as const;

export type JpkiConfig = ReturnType<typeof loadJpkiConfig>;

export function loadJpkiConfig(options?: LoadOptions) {
  return loadConfig('jpki', jpkiConfigSpec, options);
}
