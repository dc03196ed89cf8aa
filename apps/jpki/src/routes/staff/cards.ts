import { type HttpApp, Type } from '@madoguchi/http';
import type { FastifyRequest } from 'fastify';
import { requireStaff } from '../../services/api-auth.ts';
import { factsChanged, readCard, revokeCardCertificate, unlockCard } from '../../services/card-actions.ts';
import type { Caller, JpkiContext } from '../../services/context.ts';
import { issueCard } from '../../services/issue-card.ts';
import { renewCard } from '../../services/renew-card.ts';
import {
  CardResponseSchema,
  CardSerialParams,
  CsrSchema,
  errors,
  FactsSchema,
  ResidentRefSchema,
  RevocationReasonSchema,
  StaffHeaders,
} from '../schemas.ts';

/**
 * Municipal staff API: `Authorization: Bearer $JPKI_STAFF_TOKEN` and `X-Staff-Id`. Checked in
 * onRequest, before the body is even parsed, so an outsider learns nothing from validation errors.
 */
export function registerStaffCardRoutes(app: HttpApp, ctx: JpkiContext): void {
  const token = ctx.config.staffToken;
  const caller = (req: FastifyRequest): Caller => ({
    actor: requireStaff(req.headers, token),
    requestId: req.id,
  });
  const onRequest = async (req: FastifyRequest) => {
    requireStaff(req.headers, token);
  };
  const tags = ['staff'];

  app.post(
    '/api/staff/cards',
    {
      onRequest,
      schema: {
        summary: 'Issue a card: a signature and an authentication certificate for two CSRs',
        tags,
        headers: StaffHeaders,
        body: Type.Object(
          { residentRef: ResidentRefSchema, facts: FactsSchema, signCsr: CsrSchema, authCsr: CsrSchema },
          { additionalProperties: false },
        ),
        response: { 201: CardResponseSchema, ...errors(400, 401, 503) },
      },
    },
    async (req, reply) => reply.code(201).send(await issueCard(ctx, caller(req), req.body)),
  );

  app.post(
    '/api/staff/cards/:cardSerial/renew',
    {
      onRequest,
      schema: {
        summary: "Renew a card's certificates (same person, new keys; old certificates superseded)",
        tags,
        headers: StaffHeaders,
        params: CardSerialParams,
        body: Type.Object(
          {
            signCsr: CsrSchema,
            authCsr: CsrSchema,
            facts: Type.Optional(FactsSchema),
            residentRef: Type.Optional(ResidentRefSchema),
          },
          { additionalProperties: false },
        ),
        response: { 200: CardResponseSchema, ...errors(400, 401, 404, 503) },
      },
    },
    async (req) => renewCard(ctx, caller(req), req.params.cardSerial, req.body),
  );

  app.post(
    '/api/staff/cards/:cardSerial/revoke',
    {
      onRequest,
      schema: {
        summary: 'Revoke the current signature or authentication certificate of a card',
        tags,
        headers: StaffHeaders,
        params: CardSerialParams,
        body: Type.Object(
          { kind: Type.Union([Type.Literal('sign'), Type.Literal('auth')]), reason: RevocationReasonSchema },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            serial: Type.String(),
            revokedAt: Type.String(),
            reason: RevocationReasonSchema,
          }),
          ...errors(400, 401, 404, 409, 503),
        },
      },
    },
    async (req) => {
      const r = await revokeCardCertificate(ctx, caller(req), req.params.cardSerial, req.body);
      return { ...r, revokedAt: r.revokedAt.toISOString() };
    },
  );

  app.post(
    '/api/staff/cards/:cardSerial/facts-changed',
    {
      onRequest,
      schema: {
        summary: 'Record a change of name or address: revokes the signature certificate',
        tags,
        headers: StaffHeaders,
        params: CardSerialParams,
        body: Type.Object({ facts: FactsSchema }, { additionalProperties: false }),
        response: { 200: Type.Object({ revoked: Type.Array(Type.String()) }), ...errors(400, 401, 404, 503) },
      },
    },
    async (req) => factsChanged(ctx, caller(req), req.params.cardSerial),
  );

  app.post(
    '/api/staff/cards/:cardSerial/unlock',
    {
      onRequest,
      schema: {
        summary: 'Unlock a card locked by wrong PINs (the CLI then resets the card file counters)',
        tags,
        headers: StaffHeaders,
        params: CardSerialParams,
        response: {
          200: Type.Object({ cardSerial: Type.String(), unlockedAt: Type.String() }),
          ...errors(400, 401, 404),
        },
      },
    },
    async (req) => {
      const r = await unlockCard(ctx, caller(req), req.params.cardSerial);
      return { cardSerial: r.cardSerial, unlockedAt: r.unlockedAt.toISOString() };
    },
  );

  app.get(
    '/api/staff/cards/:cardSerial',
    {
      onRequest,
      schema: {
        summary: "A card's certificates and their status",
        tags,
        headers: StaffHeaders,
        params: CardSerialParams,
        response: {
          200: Type.Object({
            cardSerial: Type.String(),
            certificates: Type.Array(
              Type.Object({
                kind: Type.Union([Type.Literal('sign'), Type.Literal('auth')]),
                serial: Type.String(),
                status: Type.Union([Type.Literal('good'), Type.Literal('revoked')]),
                notAfter: Type.String(),
                revokedAt: Type.Optional(Type.String()),
                reason: Type.Optional(RevocationReasonSchema),
              }),
            ),
          }),
          ...errors(400, 401, 404),
        },
      },
    },
    async (req) => readCard(ctx, caller(req), req.params.cardSerial),
  );
}
