import { type HttpApp, Type } from '@madoguchi/http';
import type { FastifyRequest } from 'fastify';
import { requireBearer } from '../../services/api-auth.ts';
import type { JpkiContext } from '../../services/context.ts';
import { identify } from '../../services/identify.ts';
import { Base64Schema, BearerHeaders, errors } from '../schemas.ts';

export function registerRelyingPartyRoutes(app: HttpApp, ctx: JpkiContext): void {
  app.post(
    '/api/rp/identify',
    {
      onRequest: async (req: FastifyRequest) =>
        requireBearer(req.headers.authorization, ctx.config.portalApiKey),
      schema: {
        summary: "Map an authentication certificate to the portal's pairwise subject",
        tags: ['relying party'],
        headers: BearerHeaders,
        body: Type.Object({ certificate: Base64Schema(22_000) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ subject: Type.String(), certificateSerial: Type.String() }),
          ...errors(400, 401, 404),
        },
      },
    },
    async (req) =>
      identify(
        ctx,
        { actor: 'system:portal', requestId: req.id },
        Buffer.from(req.body.certificate, 'base64'),
      ),
  );
}
