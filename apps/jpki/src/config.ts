import { type LoadOptions, loadConfig, serviceFields } from '@madoguchi/config';

export const jpkiConfigSpec = {
  ...serviceFields('JPKI', 3003),
  keyPassphrase: {
    kind: 'secret',
    env: 'JPKI_KEY_PASSPHRASE',
    minLength: 32,
    doc: 'Passphrase that encrypts the CA private keys at rest',
  },
} as const;

export type JpkiConfig = ReturnType<typeof loadJpkiConfig>;

export function loadJpkiConfig(options?: LoadOptions) {
  return loadConfig('jpki', jpkiConfigSpec, options);
}
