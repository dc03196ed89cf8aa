import type { Kysely } from '@madoguchi/db';
import { ErrorBodySchema, type HttpApp, Type } from '@madoguchi/http';
import type { AgencyConfig } from '../../config.ts';
import { listAgencies } from '../../data/agencies.ts';
import type { AgencyDB } from '../../data/schema.ts';
import { residentCountsForStaff } from '../../services/staff-reads.ts';
import { requireStaff, StaffHeaders } from './staff-api-auth.ts';

export function registerStaffApi(app: HttpApp, db: Kysely<AgencyDB>, config: AgencyConfig): void {
  app.get(
    '/api/staff/agencies',
    {
      schema: {
        summary: 'List agencies served by this back office (staff only)',
        tags: ['staff'],
        headers: StaffHeaders,
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            items: Type.Array(
              Type.Object({
                code: Type.String(),
                name: Type.String(),
                kind: Type.String(),
                prefectureCode: Type.Union([Type.String(), Type.Null()]),
                hasDemoResidents: Type.Boolean(),
              }),
            ),
          }),
          400: ErrorBodySchema,
          401: ErrorBodySchema,
        },
      },
    },
    async (req) => {
      requireStaff(req, config);
      const { items, total } = await listAgencies(db, req.query.limit, req.query.offset);
      return {
        total,
        items: items.map((a) => ({
          code: a.code,
          name: a.name,
          kind: a.kind,
          prefectureCode: a.prefecture_code,
          hasDemoResidents: a.has_demo_residents,
        })),
      };
    },
  );

  app.get(
    '/api/staff/residents/counts',
    {
      schema: {
        summary: 'Count demo residents per municipality (staff only)',
        tags: ['staff'],
        headers: StaffHeaders,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({ code: Type.String(), name: Type.String(), residents: Type.Integer() }),
            ),
          }),
          400: ErrorBodySchema,
          401: ErrorBodySchema,
        },
      },
    },
    async (req) => {
      const staffId = requireStaff(req, config);
      return { items: await residentCountsForStaff(db, staffId, req.id) };
    },
  );
}
