import { type LoadOptions, loadConfig, serviceFields } from '@madoguchi/config';

export const hubConfigSpec = { ...serviceFields('HUB', 3001) } as const;

export type HubConfig = ReturnType<typeof loadHubConfig>;

export function loadHubConfig(options?: LoadOptions) {
  return loadConfig('hub', hubConfigSpec, options);
}
