import { AppError, type ErrorCode } from '@madoguchi/errors';
import { SignatureHeaders } from '@madoguchi/exchange';
import { ErrorBodySchema, type HttpApp, Type } from '@madoguchi/http';
import type { FastifyRequest } from 'fastify';
import type { HubContext } from '../../services/context.ts';
import { linkPortal } from '../../services/portal-link.ts';
import { registerCopies } from '../../services/register-copies.ts';
import { registerFugos } from '../../services/register-fugo.ts';
import { agencyGuard, callerOf } from '../agency-auth.ts';

const errors = (...s: number[]) => Object.fromEntries(s.map((n) => [n, ErrorBodySchema]));
const MyNumber = Type.String({ pattern: '^[0-9]{12}$' });
const Ref = Type.String({ minLength: 1, maxLength: 100, description: "The caller's own id for the item" });
const Fugo = Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' });

const caller = (req: FastifyRequest) => ({ ...callerOf(req), requestId: req.id });

export function registerFugoRoutes(app: HttpApp, ctx: HubContext): void {
  app.post(
    '/api/fugo/register',
    {
      preValidation: agencyGuard(['municipality']),
      schema: {
        summary: 'Municipal registration: link codes for residents (signed by a municipality)',
        tags: ['link codes'],
        headers: SignatureHeaders,
        body: Type.Object(
          {
            items: Type.Array(
              Type.Object({ myNumber: MyNumber, ref: Ref }, { additionalProperties: false }),
              {
                minItems: 1,
                maxItems: 1000,
              },
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(Type.Object({ ref: Type.String(), fugo: Fugo })) }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (req) => ({ items: await registerFugos(ctx, caller(req), req.body.items) }),
  );

  app.post(
    '/api/fugo/register-copies',
    {
      preValidation: agencyGuard(),
      schema: {
        summary: "Copy registration: an agency's link codes, after the municipality confirms basic facts",
        tags: ['link codes'],
        headers: SignatureHeaders,
        body: Type.Object(
          {
            items: Type.Array(
              Type.Object(
                {
                  ref: Ref,
                  myNumber: MyNumber,
                  birthDate: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }),
                  kanaName: Type.String({ minLength: 1, maxLength: 200 }),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 1000 },
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Union([
                Type.Object({ ref: Type.String(), fugo: Fugo }),
                Type.Object({
                  ref: Type.String(),
                  error: Type.Object({
                    code: Type.String(),
                    facts: Type.Optional(
                      Type.Array(Type.Union([Type.Literal('birthDate'), Type.Literal('kanaName')])),
                    ),
                  }),
                }),
              ]),
            ),
          }),
          ...errors(400, 401, 403, 404, 422, 503),
        },
      },
    },
    async (req) => {
      const items = await registerCopies(ctx, caller(req), req.body.items);
      const only = items.length === 1 ? items[0] : undefined;
      // A single-item call answers with the item's own HTTP error, as a plain call would.
      if (only !== undefined && 'error' in only)
        throw new AppError(
          only.error.code as ErrorCode,
          only.error.facts ? { details: { facts: only.error.facts.join(',') } } : {},
        );
      return { items };
    },
  );

  app.post(
    '/api/fugo/portal',
    {
      preValidation: agencyGuard(['national:digital']),
      schema: {
        summary: "The portal's link code for the person holding a verified authentication certificate",
        tags: ['link codes'],
        headers: SignatureHeaders,
        body: Type.Object(
          {
            certificate: Type.String({ minLength: 1, maxLength: 22_000, pattern: '^[A-Za-z0-9+/]*={0,2}$' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ fugo: Fugo }), ...errors(400, 401, 403, 409, 502, 503) },
      },
    },
    async (req) => linkPortal(ctx, caller(req), req.body.certificate),
  );
}
