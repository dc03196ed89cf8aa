import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { ErrorBodySchema, type HttpApp, requireBearer, Type } from '@madoguchi/http';
import { webhookCounts } from '../../data/e-delivery.ts';
import type { PortalDB } from '../../data/schema.ts';

const Counts = Type.Object({
  pending: Type.Integer(),
  delivered: Type.Integer(),
  retrying: Type.Integer(),
  dead: Type.Integer(),
});

/** Machine audience: agency staff see how a notice's e-delivery deliveries went (counts only). */
export function registerNoticeDeliveryRoutes(app: HttpApp, db: Kysely<PortalDB>, machineToken: string): void {
  app.get(
    '/internal/notices/:agencyCode/:noticeId/deliveries',
    {
      schema: {
        summary: "E-delivery status counts of one agency's notice (machine token; no personal data)",
        tags: ['machine'],
        params: Type.Object({
          agencyCode: Type.String({ pattern: '^[a-z0-9-]{1,32}$' }),
          noticeId: Type.String({ format: 'uuid' }),
        }),
        response: {
          200: Type.Object({ noticeId: Type.String(), eDelivery: Counts }),
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          404: ErrorBodySchema,
        },
      },
    },
    async (req) => {
      requireBearer(req.headers.authorization, machineToken);
      const counts = await webhookCounts(db, req.params.agencyCode, req.params.noticeId);
      if (!counts) throw new AppError('resource.not_found');
      return { noticeId: req.params.noticeId, eDelivery: counts };
    },
  );
}
