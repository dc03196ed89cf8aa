import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { ErrorBodySchema, type HttpApp, Type } from '@madoguchi/http';
import type { AgencyConfig } from '../../config.ts';
import type { AgencyDB } from '../../data/schema.ts';
import { linkDemoData } from '../../services/demo/demo-link.ts';
import type { ExchangeKeys } from '../../services/exchange/keys.ts';
import { personFugo } from '../../services/exchange/person-fugo.ts';
import { queryExchange } from '../../services/exchange/query-exchange.ts';
import { InfoRecordSchema } from '../intermediate/answer.ts';
import { AgencyCodeParams } from '../intermediate/credential.ts';
import { requireStaff, StaffHeaders } from './staff-api-auth.ts';

const Code = Type.String({ pattern: '^[a-z0-9-]{1,32}$' });
const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  503: ErrorBodySchema,
};

export function registerStaffExchangeApi(
  app: HttpApp,
  db: Kysely<AgencyDB>,
  config: AgencyConfig,
  keys: ExchangeKeys,
): void {
  app.post(
    '/api/staff/exchanges',
    {
      schema: {
        summary: 'Query another agency through the hub, as a hosted agency (情報照会; staff only)',
        description:
          'Gets a permit from the hub signed as the querier, presents it to the provider and returns its records. A municipal querier names its resident (residentId); any querier may give its own link code (fugo).',
        tags: ['staff'],
        headers: StaffHeaders,
        body: Type.Object(
          {
            querier: Code,
            task: Type.String({ pattern: '^[a-z0-9-]{1,64}$' }),
            residentId: Type.Optional(Type.String({ format: 'uuid' })),
            fugo: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })),
            infoTypes: Type.Array(Type.String({ pattern: '^[a-z0-9-]{1,64}$' }), {
              minItems: 1,
              maxItems: 20,
              uniqueItems: true,
            }),
            provider: Code,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            entryId: Type.String(),
            provider: Type.String(),
            records: Type.Array(InfoRecordSchema),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const staffId = requireStaff(req, config);
      const b = req.body;
      if ((b.residentId === undefined) === (b.fugo === undefined)) throw new AppError('request.invalid');
      return queryExchange(db, config, keys, staffId, req.id, b);
    },
  );

  app.get(
    '/api/staff/agencies/:code/persons/:residentId/fugo',
    {
      schema: {
        summary:
          "A demo person's link code at an agency, by municipal resident id (national agencies: development only)",
        tags: ['staff'],
        headers: StaffHeaders,
        params: Type.Object({ ...AgencyCodeParams.properties, residentId: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Object({ fugo: Type.String() }), ...errors },
      },
    },
    async (req) => {
      const staffId = requireStaff(req, config);
      return {
        fugo: await personFugo(db, config, keys, staffId, req.id, req.params.code, req.params.residentId),
      };
    },
  );

  // Development and test only: the route does not exist in production.
  if (config.mode !== 'production')
    app.post(
      '/api/staff/demo/link',
      {
        schema: {
          summary: 'Development: register demo residents with the hub and generate demo records (idempotent)',
          tags: ['staff'],
          headers: StaffHeaders,
          body: Type.Optional(Type.Object({}, { additionalProperties: false })),
          response: {
            200: Type.Object({
              registered: Type.Integer(),
              copies: Type.Integer(),
              copiesRefused: Type.Integer(),
              households: Type.Integer(),
              records: Type.Integer(),
            }),
            ...errors,
          },
        },
      },
      async (req) => {
        const staffId = requireStaff(req, config);
        return linkDemoData({ db, config, keys, actor: `staff:${staffId}`, requestId: req.id });
      },
    );
}
