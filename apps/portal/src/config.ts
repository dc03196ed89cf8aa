import { type LoadOptions, loadConfig, serviceFields } from '@madoguchi/config';

export const portalConfigSpec = {
  ...serviceFields('PORTAL', 3000),
  machineToken: {
    kind: 'secret',
    env: 'PORTAL_MACHINE_TOKEN',
    minLength: 32,
    doc: 'Bearer token the agency back office uses to read inquiries from the portal',
  },
} as const;

export type PortalConfig = ReturnType<typeof loadPortalConfig>;

export function loadPortalConfig(options?: LoadOptions) {
  return loadConfig('portal', portalConfigSpec, options);
}
