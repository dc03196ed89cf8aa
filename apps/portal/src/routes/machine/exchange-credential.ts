import { type HttpApp, Type } from '@madoguchi/http';
import type { HubClient } from '../../services/hub-client.ts';

const Credential = Type.Object({
  agencyCode: Type.Literal('portal'),
  publicKey: Type.String({ description: 'base64 of the raw 32-byte Ed25519 public key' }),
  endpointUrl: Type.String({
    description: 'Where the hub delivers notices (お知らせ); the portal answers no permits, it only asks',
  }),
});

/** What an administrator copies into the hub's registry (`madoguchi hub enroll`); public by nature. */
export function registerExchangeCredentialRoute(app: HttpApp, hub: HubClient, publicUrl: string): void {
  app.get(
    '/api/exchange/credential',
    {
      schema: {
        summary:
          "The portal's exchange-network credential (agency code and public key) for enrollment at the hub",
        tags: ['exchange'],
        response: { 200: Credential },
      },
    },
    async () => ({ agencyCode: 'portal' as const, publicKey: hub.publicKeyB64, endpointUrl: publicUrl }),
  );
}
