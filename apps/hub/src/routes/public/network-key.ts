import { type HttpApp, Type } from '@madoguchi/http';
import type { NetworkKey } from '../../services/network-key.ts';

/** Agencies verify permits and hub-signed requests with this key (pinned in production). */
export function registerNetworkKeyRoute(app: HttpApp, key: NetworkKey): void {
  app.get(
    '/api/network/key',
    {
      schema: {
        summary: 'The hub network public key (Ed25519) that signs permits and hub → agency requests',
        tags: ['network'],
        response: {
          200: Type.Object({
            kid: Type.String({ pattern: '^[0-9a-f]{16}$' }),
            publicKey: Type.String({ description: 'base64 of the raw 32-byte key' }),
          }),
        },
      },
    },
    async () => ({ kid: key.kid, publicKey: key.publicKeyB64 }),
  );
}
