import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { ErrorBodySchema, type HttpApp, Type } from '@madoguchi/http';
import { listAgencies } from '../../data/agencies.ts';
import { findAgency } from '../../data/credentials.ts';
import type { HubDB } from '../../data/schema.ts';

const Kind = Type.Union([
  Type.Literal('national'),
  Type.Literal('prefecture'),
  Type.Literal('municipality'),
  Type.Literal('ward'),
]);
const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()]);

const AgencyList = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      nameKana: Type.String(),
      kind: Kind,
      prefectureCode: Nullable(Type.String()),
      corporateNumber: Nullable(Type.String()),
      parentCode: Nullable(Type.String()),
    }),
  ),
});

const AgencyDetail = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameKana: Type.String(),
  kind: Kind,
  prefectureCode: Nullable(Type.String()),
  corporateNumber: Nullable(Type.String()),
  parentCode: Nullable(Type.String()),
  enrolled: Type.Boolean({ description: 'Has an exchange credential: may call the hub and receive permits' }),
  endpointUrl: Nullable(Type.String()),
});

/** Who is on the network is public information, as the law table is. */
export function registerAgencyRoutes(app: HttpApp, db: Kysely<HubDB>): void {
  app.get(
    '/api/agencies',
    {
      schema: {
        summary: 'List agencies registered on the exchange network',
        tags: ['agencies'],
        querystring: Type.Object({
          kind: Type.Optional(Kind),
          prefecture: Type.Optional(Type.String({ pattern: '^[0-9]{2}$' })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: AgencyList, 400: ErrorBodySchema },
      },
    },
    async (req) => {
      const { items, total } = await listAgencies(db, {
        kind: req.query.kind,
        prefectureCode: req.query.prefecture,
        limit: req.query.limit,
        offset: req.query.offset,
      });
      return {
        total,
        items: items.map((a) => ({
          code: a.code,
          name: a.name,
          nameKana: a.name_kana,
          kind: a.kind,
          prefectureCode: a.prefecture_code,
          corporateNumber: a.corporate_number,
          parentCode: a.parent_code,
        })),
      };
    },
  );

  app.get(
    '/api/agencies/:code',
    {
      schema: {
        summary: 'One agency on the exchange network, with whether it is enrolled',
        tags: ['agencies'],
        params: Type.Object({ code: Type.String({ pattern: '^[a-z0-9-]{1,32}$' }) }),
        response: { 200: AgencyDetail, 400: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (req) => {
      const a = await findAgency(db, req.params.code);
      if (a === undefined) throw new AppError('resource.not_found');
      return {
        code: a.code,
        name: a.name,
        nameKana: a.name_kana,
        kind: a.kind,
        prefectureCode: a.prefecture_code,
        corporateNumber: a.corporate_number,
        parentCode: a.parent_code,
        enrolled: a.enrolled_at !== null,
        endpointUrl: a.endpoint_url,
      };
    },
  );
}
