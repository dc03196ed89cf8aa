import { ErrorBodySchema, type HttpApp, Type } from '@madoguchi/http';
import { INFO_TYPES } from '../../bessyo2/index.ts';
import type { HubContext } from '../../services/context.ts';
import { decidePermits } from '../../services/decide-permits.ts';
import { agencyGuard, callerOf } from '../agency-auth.ts';

const errors = (...s: number[]) => Object.fromEntries(s.map((n) => [n, ErrorBodySchema]));
const InfoType = Type.Union(Object.keys(INFO_TYPES).map((k) => Type.Literal(k as keyof typeof INFO_TYPES)));
const AgencyCode = Type.String({ pattern: '^[a-z0-9-]{1,32}$' });

export function registerPermitRoutes(app: HttpApp, ctx: HubContext): void {
  app.post(
    '/api/permits',
    {
      preValidation: agencyGuard(),
      schema: {
        summary: 'Ask for query permits: the law table decides, the exchange log records every decision',
        tags: ['permits'],
        headers: Type.Object({
          'madoguchi-agency': Type.Optional(Type.String()),
          'madoguchi-signature': Type.Optional(Type.String()),
        }),
        body: Type.Object(
          {
            task: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64 }),
            fugo: Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' }),
            infoTypes: Type.Array(InfoType, { minItems: 1, maxItems: 20, uniqueItems: true }),
            provider: Type.Optional(AgencyCode),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            permits: Type.Array(
              Type.Object({
                provider: Type.String(),
                providerName: Type.String(),
                endpointUrl: Type.String(),
                permit: Type.String(),
                entryId: Type.String({ format: 'uuid' }),
                infoTypes: Type.Array(Type.String()),
              }),
            ),
            refusals: Type.Array(
              Type.Object({
                provider: Type.String(),
                entryId: Type.String({ format: 'uuid' }),
                infoTypes: Type.Array(Type.String()),
                reason: Type.String(),
              }),
            ),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (req) => decidePermits(ctx, { ...callerOf(req), requestId: req.id }, req.body),
  );
}
