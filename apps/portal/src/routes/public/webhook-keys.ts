import type { HttpApp } from '@madoguchi/http';
import type { EDeliveryKeys } from '../../services/e-delivery/keys.ts';

/** The public keys e-delivery verifies the portal's webhooks with (RFC 9421 keyid = JWK kid). */
export function registerWebhookKeysRoute(app: HttpApp, keys: EDeliveryKeys): void {
  const body = JSON.stringify(keys.jwks);
  app.get(
    '/.well-known/webhook-keys.json',
    {
      schema: { summary: 'JWKS of the Ed25519 keys that sign webhooks to e-delivery', tags: ['public'] },
      config: { rateLimit: false },
    },
    async (_req, reply) =>
      reply.header('cache-control', 'public, max-age=3600').type('application/jwk-set+json').send(body),
  );
}
