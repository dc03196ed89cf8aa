import type { Kysely } from '@madoguchi/db';
import { ErrorBodySchema, type HttpApp, Type } from '@madoguchi/http';
import type { AgencyDB } from '../../data/schema.ts';
import { answerPermit } from '../../services/exchange/answer-permit.ts';
import type { ExchangeKeys } from '../../services/exchange/keys.ts';
import { AgencyCodeParams } from './credential.ts';
import { INTERMEDIATE_BODY_LIMIT } from './raw-json.ts';

export const InfoRecordSchema = Type.Object({
  id: Type.String(),
  infoType: Type.String(),
  title: Type.String(),
  asOf: Type.String(),
  fields: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      value: Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
    }),
  ),
});

export function registerAnswer(app: HttpApp, db: Kysely<AgencyDB>, keys: ExchangeKeys): void {
  app.post(
    '/api/intermediate/:code/answer',
    {
      bodyLimit: INTERMEDIATE_BODY_LIMIT,
      schema: {
        summary: 'Answer a permit from the hub with the permitted information (single use)',
        description:
          'The permit (a JWT signed with the hub network key) is the credential: audience = this agency, 60 s lifetime, single use. See docs/exchange.md.',
        tags: ['intermediate'],
        params: AgencyCodeParams,
        body: Type.Object({ permit: Type.String({ maxLength: 4096 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            provider: Type.String(),
            permitId: Type.String(),
            records: Type.Array(InfoRecordSchema),
          }),
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          404: ErrorBodySchema,
          409: ErrorBodySchema,
          413: ErrorBodySchema,
          503: ErrorBodySchema,
        },
      },
    },
    async (req) => answerPermit(db, keys, req.params.code, req.body.permit, req.id),
  );
}
