import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { ErrorBodySchema, type HttpApp, Type } from '@madoguchi/http';
import type { PortalDB } from '../../data/schema.ts';
import { listInquiriesForStaff } from '../../services/inquiry.ts';
import { InquiryList } from '../schemas.ts';

function bearerMatches(header: string | undefined, expected: string): boolean {
  const got = Buffer.from(/^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '');
  const want = Buffer.from(expected);
  return got.length === want.length && timingSafeEqual(got, want);
}

/** Machine audience: the agency back office reads inquiries with its token, on behalf of a staff member. */
export function registerMachineInquiryRoutes(app: HttpApp, db: Kysely<PortalDB>, machineToken: string): void {
  app.get(
    '/internal/inquiries',
    {
      schema: {
        summary: 'List inquiries for agency staff (machine token)',
        tags: ['machine'],
        headers: Type.Object({ 'x-staff-id': Type.String({ pattern: '^[A-Za-z0-9._@-]{1,64}$' }) }),
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
        }),
        response: { 200: InquiryList, 400: ErrorBodySchema, 401: ErrorBodySchema },
      },
    },
    async (req) => {
      if (!bearerMatches(req.headers.authorization, machineToken))
        throw new AppError('auth.invalid_credentials');
      const { total, items } = await listInquiriesForStaff(
        { db, requestId: req.id },
        `staff:${req.headers['x-staff-id']}`,
        req.query,
      );
      return {
        total,
        items: items.map((i) => ({ ...i, createdAt: i.created_at.toISOString() })),
      };
    },
  );
}
