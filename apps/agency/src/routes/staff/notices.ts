import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { ErrorBodySchema, type HttpApp, Type } from '@madoguchi/http';
import type { AgencyConfig } from '../../config.ts';
import type { AgencyDB } from '../../data/schema.ts';
import { fetchDeliveryCounts } from '../../services/notices/deliveries.ts';
import { boshiHokenSchedule, runSchedule } from '../../services/notices/schedule.ts';
import {
  createNotice,
  jstDate,
  listNoticesForStaff,
  noticeForStaff,
  previewNotice,
} from '../../services/notices/send-notices.ts';
import { AgencyCodeParams } from '../intermediate/credential.ts';
import { requireStaff, StaffHeaders } from './staff-api-auth.ts';

/** 3 PDFs of 2 MiB as base64, plus the text. */
export const NOTICE_BODY_LIMIT = 9 * 1024 * 1024;

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 404: ErrorBodySchema };
const Status = Type.Union([
  Type.Literal('queued'),
  Type.Literal('sending'),
  Type.Literal('sent'),
  Type.Literal('failed'),
]);
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
export const NoticeSummarySchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  audience: Type.String(),
  status: Status,
  recipientsTotal: Type.Union([Type.Integer(), Type.Null()]),
  delivered: Type.Integer(),
  unknownCount: Type.Integer(),
  createdAt: Type.String(),
  sentAt: Nullable(Type.String()),
  expiresAt: Nullable(Type.String()),
  createdBy: Type.String(),
});
const NoticeDetailSchema = Type.Intersect([
  NoticeSummarySchema,
  Type.Object({
    body: Type.String(),
    actions: Type.Array(Type.Object({ type: Type.String(), label: Type.String(), url: Type.String() })),
    audienceRule: Type.Unknown(),
    attachments: Type.Array(
      Type.Object({
        no: Type.Integer(),
        filename: Type.String(),
        size: Type.Integer(),
        sha256: Type.String(),
      }),
    ),
    unknown: Type.Array(Type.String(), { description: 'Link codes the hub did not know (first 1,000)' }),
    steps: Type.Integer(),
    eDelivery: Type.Union([Type.Record(Type.String(), Type.Number()), Type.Null()], {
      description: 'Counts by status from the portal; null when it did not answer',
    }),
  }),
]);
const NoticeBody = Type.Object(
  {},
  {
    additionalProperties: true,
    description:
      '{ kind, title, body, audience: { type: "person", fugo } | { type: "segment", rule }, actions?, attachments?: [{ filename, data (base64 PDF) }], expiresAt? } — checked field by field (validation.failed names each path)',
  },
);
const IdParams = Type.Object({ ...AgencyCodeParams.properties, id: Type.String({ format: 'uuid' }) });

export function registerStaffNoticesApi(app: HttpApp, db: Kysely<AgencyDB>, config: AgencyConfig): void {
  app.post(
    '/api/staff/agencies/:code/notices',
    {
      bodyLimit: NOTICE_BODY_LIMIT,
      schema: {
        summary: 'Send a notice to one person or a segment (queued; the fan-out job hands it to the hub)',
        tags: ['staff'],
        headers: StaffHeaders,
        params: AgencyCodeParams,
        body: NoticeBody,
        response: { 202: Type.Object({ id: Type.String(), status: Type.Literal('queued') }), ...errors },
      },
    },
    async (req, reply) => {
      const staffId = requireStaff(req, config);
      return reply.code(202).send(await createNotice(db, staffId, req.id, req.params.code, req.body));
    },
  );

  app.post(
    '/api/staff/agencies/:code/notices/preview',
    {
      schema: {
        summary: "Count a notice audience's recipients before sending (audited read; nothing is sent)",
        tags: ['staff'],
        headers: StaffHeaders,
        params: AgencyCodeParams,
        body: Type.Object({ audience: Type.Unknown() }),
        response: { 200: Type.Object({ count: Type.Integer(), asOf: Type.String() }), ...errors },
      },
    },
    async (req) => {
      const staffId = requireStaff(req, config);
      return previewNotice(db, staffId, req.id, req.params.code, req.body);
    },
  );

  app.get(
    '/api/staff/agencies/:code/notices',
    {
      schema: {
        summary: "List an agency's notices with their sending status",
        tags: ['staff'],
        headers: StaffHeaders,
        params: AgencyCodeParams,
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(NoticeSummarySchema) }), ...errors },
      },
    },
    async (req) => {
      requireStaff(req, config);
      return { items: await listNoticesForStaff(db, req.params.code, req.query.limit, req.query.offset) };
    },
  );

  app.get(
    '/api/staff/agencies/:code/notices/:id',
    {
      schema: {
        summary: 'One notice: status, delivered and unknown counts, unknown link codes, e-delivery counts',
        tags: ['staff'],
        headers: StaffHeaders,
        params: IdParams,
        response: { 200: NoticeDetailSchema, ...errors },
      },
    },
    async (req) => {
      const staffId = requireStaff(req, config);
      const notice = await noticeForStaff(db, staffId, req.id, req.params.code, req.params.id);
      const eDelivery = await fetchDeliveryCounts(
        { url: config.portalUrl, token: config.portalMachineToken },
        req.params.code,
        req.params.id,
        req.id,
      );
      return { ...notice, eDelivery: eDelivery ?? null };
    },
  );

  app.post(
    '/api/staff/notices/schedule/run',
    {
      schema: {
        summary:
          'Run the daily age schedule (乳幼児健診・定期予防接種) for one JST day now; idempotent per child',
        tags: ['staff'],
        headers: StaffHeaders,
        body: Type.Object({ date: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }) }),
        response: {
          200: Type.Object({ date: Type.String(), notices: Type.Integer(), children: Type.Integer() }),
          ...errors,
        },
      },
    },
    async (req) => {
      const staffId = requireStaff(req, config);
      const { date } = req.body;
      const real = new Date(`${date}T00:00:00Z`);
      // A future day would notify children early; only development and tests may run one.
      if (
        Number.isNaN(real.getTime()) ||
        real.toISOString().slice(0, 10) !== date ||
        (config.mode === 'production' && date > jstDate())
      )
        throw new AppError('validation.failed', {
          fields: [
            {
              path: '/body/date',
              code: 'date',
              message: { ja: '正しい日付を入力してください。', en: 'Give a real date, not in the future.' },
            },
          ],
        });
      return db
        .transaction()
        .execute((trx) => runSchedule(trx, date, boshiHokenSchedule(), `staff:${staffId}`, req.id));
    },
  );
}
