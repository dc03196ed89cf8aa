import { ErrorBodySchema, type HttpApp, Type } from '@madoguchi/http';
import type { FastifyRequest } from 'fastify';
import { requireBearer } from '../../services/admin-auth.ts';
import type { HubContext } from '../../services/context.ts';
import { enrollAgency } from '../../services/enroll-agency.ts';

const errors = (...s: number[]) => Object.fromEntries(s.map((n) => [n, ErrorBodySchema]));

/** Enrollment is an administrator's act: only enrolled agencies can call the hub or receive permits. */
export function registerAdminRoutes(app: HttpApp, ctx: HubContext): void {
  app.put(
    '/api/admin/agencies/:code/credential',
    {
      onRequest: async (req: FastifyRequest) =>
        requireBearer(req.headers.authorization, ctx.config.adminToken),
      schema: {
        summary: 'Enroll an agency: register its exchange public key and intermediate-server endpoint',
        tags: ['admin'],
        headers: Type.Object({ authorization: Type.Optional(Type.String()) }),
        params: Type.Object({ code: Type.String({ pattern: '^[a-z0-9-]{1,32}$' }) }),
        body: Type.Object(
          {
            publicKey: Type.String({
              minLength: 44,
              maxLength: 44,
              description: 'base64 of the raw 32-byte Ed25519 key',
            }),
            endpointUrl: Type.Union([Type.String({ pattern: '^https?://', maxLength: 500 }), Type.Null()]),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ agencyCode: Type.String(), enrolled: Type.Literal(true) }),
          ...errors(400, 401, 404),
        },
      },
    },
    async (req) => {
      await enrollAgency(ctx, req.params.code, req.body, req.id);
      return { agencyCode: req.params.code, enrolled: true as const };
    },
  );
}
