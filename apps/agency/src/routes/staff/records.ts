import type { Kysely } from '@madoguchi/db';
import { AppError, fieldErrorsFromSchemaIssues } from '@madoguchi/errors';
import { ErrorBodySchema, type HttpApp, Type } from '@madoguchi/http';
import type { FastifyRequest } from 'fastify';
import type { AgencyConfig } from '../../config.ts';
import type { AgencyDB } from '../../data/schema.ts';
import {
  createRecordForStaff,
  listRecordsForStaff,
  updateRecordForStaff,
} from '../../services/records/staff-records.ts';
import { InfoRecordSchema } from '../intermediate/answer.ts';
import { AgencyCodeParams } from '../intermediate/credential.ts';
import { requireStaff, StaffHeaders } from './staff-api-auth.ts';

const Text = (maxLength: number) =>
  Type.String({ minLength: 1, maxLength, pattern: '^[^\\u0000-\\u001f\\u007f]+$' });
const Fugo = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' });
/**
 * A type list, not anyOf: with the app's type coercion an anyOf would turn 3 into "3" (or "3" into 3);
 * a value whose type is in the list is left as sent.
 */
const FieldValue = Type.Unsafe<string | number | boolean | null>({
  type: ['string', 'number', 'boolean', 'null'],
  maxLength: 500,
});
const RecordBody = {
  infoType: Type.String({ maxLength: 64 }),
  title: Text(500),
  asOf: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }),
  fields: Type.Array(
    Type.Object(
      {
        key: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }),
        label: Text(500),
        value: FieldValue,
      },
      { additionalProperties: false },
    ),
    { maxItems: 50 },
  ),
};
const StaffRecordSchema = Type.Intersect([
  InfoRecordSchema,
  Type.Object({ updatedAt: Type.String(), updatedBy: Type.String() }),
]);
const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  404: ErrorBodySchema,
};

/** Staff first (401 before anything), then a schema failure becomes `info.invalid` with its fields. */
function staffAndValidBody(req: FastifyRequest, config: AgencyConfig): string {
  const staffId = requireStaff(req, config);
  const v = req.validationError as
    | (Error & { validation?: unknown[]; validationContext?: string })
    | undefined;
  if (v) {
    const fields = fieldErrorsFromSchemaIssues(
      (v.validation ?? []) as { instancePath: string; keyword: string; params: Record<string, unknown> }[],
      `/${v.validationContext ?? 'body'}`,
    );
    throw new AppError(v.validationContext === 'body' ? 'info.invalid' : 'request.invalid', { fields });
  }
  return staffId;
}

export function registerStaffRecordsApi(app: HttpApp, db: Kysely<AgencyDB>, config: AgencyConfig): void {
  app.get(
    '/api/staff/agencies/:code/records',
    {
      schema: {
        summary:
          "List what an agency holds for exchange about a person, by the agency's link code (staff only)",
        tags: ['staff'],
        headers: StaffHeaders,
        params: AgencyCodeParams,
        querystring: Type.Object({ fugo: Fugo }),
        response: { 200: Type.Object({ items: Type.Array(StaffRecordSchema) }), ...errors },
      },
    },
    async (req) => {
      const staffId = requireStaff(req, config);
      return { items: await listRecordsForStaff(db, staffId, req.id, req.params.code, req.query.fugo) };
    },
  );

  app.post(
    '/api/staff/agencies/:code/records',
    {
      attachValidation: true,
      schema: {
        summary: 'Record information an agency holds for exchange about a person (staff only)',
        tags: ['staff'],
        headers: StaffHeaders,
        params: AgencyCodeParams,
        body: Type.Object({ fugo: Fugo, ...RecordBody }, { additionalProperties: false }),
        response: { 201: StaffRecordSchema, ...errors },
      },
    },
    async (req, reply) => {
      const staffId = staffAndValidBody(req, config);
      const record = await createRecordForStaff(db, staffId, req.id, req.params.code, req.body);
      return reply.code(201).send(record);
    },
  );

  app.put(
    '/api/staff/agencies/:code/records/:id',
    {
      attachValidation: true,
      schema: {
        summary: 'Update one record an agency holds for exchange (staff only)',
        tags: ['staff'],
        headers: StaffHeaders,
        params: Type.Object({ ...AgencyCodeParams.properties, id: Type.String({ format: 'uuid' }) }),
        body: Type.Object(RecordBody, { additionalProperties: false }),
        response: { 200: StaffRecordSchema, ...errors },
      },
    },
    async (req) => {
      const staffId = staffAndValidBody(req, config);
      return updateRecordForStaff(db, staffId, req.id, req.params.code, req.params.id, req.body);
    },
  );
}
