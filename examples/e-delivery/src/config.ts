import { join } from 'node:path';
import { type LoadOptions, loadConfig } from '@madoguchi/config';

export const eDeliveryConfigSpec = {
  host: { kind: 'string', env: 'HOST', default: '127.0.0.1', doc: 'Interface every service listens on' },
  port: {
    kind: 'port',
    env: 'E_DELIVERY_PORT',
    default: 3040,
    doc: 'Port of the e-delivery example service',
  },
  storeDir: {
    kind: 'string',
    env: 'E_DELIVERY_DATA_DIR',
    default: '',
    doc: 'Where e-delivery keeps its SQLite file and demo issuer keys (default {MADOGUCHI_DATA_DIR}/e-delivery)',
  },
  publicUrl: {
    kind: 'url',
    optional: true,
    env: 'E_DELIVERY_PUBLIC_URL',
    doc: 'Public base URL; the webhook @target-uri is checked against it (default: from the Host header)',
  },
  clientId: {
    kind: 'string',
    env: 'E_DELIVERY_CLIENT_ID',
    default: 'madoguchi-portal',
    doc: 'OAuth client id of the portal',
  },
  clientSecret: {
    kind: 'secret',
    env: 'E_DELIVERY_CLIENT_SECRET',
    minLength: 32,
    doc: 'OAuth client secret of the portal',
  },
  redirectUri: {
    kind: 'url',
    env: 'E_DELIVERY_REDIRECT_URI',
    default: 'http://localhost:3000/account/e-delivery/callback',
    doc: 'The portal redirect URI (exact match)',
  },
  portalUrl: {
    kind: 'url',
    env: 'PORTAL_URL',
    default: 'http://localhost:3000',
    doc: 'Portal base URL; webhook keys come from {PORTAL_URL}/.well-known/webhook-keys.json',
  },
  adminToken: {
    kind: 'secret',
    env: 'E_DELIVERY_ADMIN_TOKEN',
    minLength: 32,
    doc: 'Bearer token for the admin API (issue certificates, webhook test switch)',
  },
  webhookMode: {
    kind: 'enum',
    env: 'E_DELIVERY_WEBHOOK_MODE',
    values: ['up', 'down', 'slow'],
    default: 'up',
    doc: 'Test hook: "down" answers 503, "slow" waits E_DELIVERY_WEBHOOK_DELAY_MS before answering',
  },
  webhookDelayMs: {
    kind: 'int',
    env: 'E_DELIVERY_WEBHOOK_DELAY_MS',
    default: 10_000,
    min: 0,
    max: 120_000,
    doc: 'Delay of the "slow" webhook mode',
  },
  rateLimitMax: {
    kind: 'int',
    env: 'RATE_LIMIT_MAX',
    default: 1200,
    min: 1,
    doc: 'Requests per minute per address',
  },
} as const;

export type EDeliveryConfig = ReturnType<typeof loadEDeliveryConfig>;

export function loadEDeliveryConfig(options?: LoadOptions) {
  const c = loadConfig('e-delivery', eDeliveryConfigSpec, options);
  return { ...c, storeDir: c.storeDir || join(c.dataDir, 'e-delivery') };
}
