import { type HttpApp, Type } from '@madoguchi/http';
import type { FastifyRequest } from 'fastify';
import { requireBearer } from '../../services/api-auth.ts';
import type { JpkiContext } from '../../services/context.ts';
import { residentRefOf } from '../../services/resident-ref.ts';
import { Base64Schema, BearerHeaders, errors } from '../schemas.ts';

/** The exchange hub links a portal login to the person's municipality (docs/exchange.md). */
export function registerHubRoutes(app: HttpApp, ctx: JpkiContext): void {
  app.post(
    '/api/hub/resident-ref',
    {
      onRequest: async (req: FastifyRequest) =>
        requireBearer(req.headers.authorization, ctx.config.hubApiKey),
      schema: {
        summary: "Map an authentication certificate to its holder's municipality and resident id (hub only)",
        tags: ['hub'],
        headers: BearerHeaders,
        body: Type.Object({ certificate: Base64Schema(22_000) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            municipalityCode: Type.String({ pattern: '^[0-9]{5,6}$' }),
            residentId: Type.String({ format: 'uuid' }),
          }),
          ...errors(400, 401, 404),
        },
      },
    },
    async (req) =>
      residentRefOf(
        ctx,
        { actor: 'system:hub', requestId: req.id },
        Buffer.from(req.body.certificate, 'base64'),
      ),
  );
}
