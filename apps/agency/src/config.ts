import { type LoadOptions, loadConfig, serviceFields } from '@madoguchi/config';

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
} as const;

export type AgencyConfig = ReturnType<typeof loadAgencyConfig>;

export function loadAgencyConfig(options?: LoadOptions) {
  return loadConfig('agency', agencyConfigSpec, options);
}
