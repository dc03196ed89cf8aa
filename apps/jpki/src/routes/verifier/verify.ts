import { type HttpApp, Type } from '@madoguchi/http';
import type { FastifyRequest } from 'fastify';
import { requireBearer } from '../../services/api-auth.ts';
import type { JpkiContext } from '../../services/context.ts';
import { verifySignature } from '../../services/verify-signature.ts';
import { Base64Schema, BearerHeaders, errors, FactsSchema } from '../schemas.ts';

const bodyLimit = 10 * 1024 * 1024;

export function registerVerifierRoutes(app: HttpApp, ctx: JpkiContext): void {
  app.post(
    '/api/verify',
    {
      bodyLimit,
      onRequest: async (req: FastifyRequest) =>
        requireBearer(req.headers.authorization, ctx.config.verifierApiKey),
      schema: {
        summary: "Verify a detached CMS signature and return the signer's basic facts",
        tags: ['verifier'],
        headers: BearerHeaders,
        body: Type.Object(
          { signature: Base64Schema(200_000), content: Base64Schema(bodyLimit) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            valid: Type.Literal(true),
            signedAt: Type.String(),
            certificate: Type.Object({
              serial: Type.String(),
              notBefore: Type.String(),
              notAfter: Type.String(),
              statusAtSigning: Type.Literal('good'),
            }),
            signer: FactsSchema,
          }),
          ...errors(400, 401, 413, 422, 503),
        },
      },
    },
    async (req) =>
      verifySignature(
        ctx,
        { actor: 'system:verifier', requestId: req.id },
        {
          signature: Buffer.from(req.body.signature, 'base64'),
          content: Buffer.from(req.body.content, 'base64'),
        },
      ),
  );
}
