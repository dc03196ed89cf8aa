import type { Kysely } from '@madoguchi/db';
import { ErrorBodySchema, type HttpApp, Type } from '@madoguchi/http';
import type { AgencyConfig } from '../../config.ts';
import type { AgencyDB } from '../../data/schema.ts';
import { publishService, withdrawService } from '../../services/catalogue/publish.ts';
import { AgencyCodeParams } from '../intermediate/credential.ts';
import { requireStaff, StaffHeaders } from './staff-api-auth.ts';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 404: ErrorBodySchema };

export const ServiceIdSchema = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64 });
const ServiceParams = Type.Object({ ...AgencyCodeParams.properties, id: ServiceIdSchema });
const ChangeSchema = Type.Object({
  municipality: Type.String(),
  id: Type.String(),
  version: Type.Integer({ description: 'The feed version this change got' }),
  deleted: Type.Boolean(),
});
// Open here on purpose: the request schema would answer request.invalid and coerce values, while the
// catalogue's own checks answer validation.failed with a JSON Pointer per problem (the contract).
const DefinitionBody = Type.Object(
  {},
  {
    additionalProperties: true,
    description:
      'A ServiceDefinition (@madoguchi/catalogue ServiceDefinitionSchema) whose municipality and id equal the URL; checked with checkDefinition',
  },
);

/**
 * The staff token is one shared secret for the whole back office (see services/staff-auth.ts), so any
 * staff member can publish for any municipality this back office hosts; the URL code and the
 * definition's own municipality must agree, which stops slips but is not a tenant boundary.
 */
export function registerStaffCatalogueApi(app: HttpApp, db: Kysely<AgencyDB>, config: AgencyConfig): void {
  app.put(
    '/api/staff/agencies/:code/services/:id',
    {
      schema: {
        summary: "Publish or update one of a municipality's services in the public catalogue",
        tags: ['staff'],
        headers: StaffHeaders,
        params: ServiceParams,
        body: DefinitionBody,
        response: { 200: ChangeSchema, ...errors },
      },
    },
    async (req) => {
      const staffId = requireStaff(req, config);
      return publishService(db, staffId, req.id, req.params.code, req.params.id, req.body);
    },
  );

  app.delete(
    '/api/staff/agencies/:code/services/:id',
    {
      schema: {
        summary: 'Withdraw a service from the public catalogue (followers receive a tombstone)',
        tags: ['staff'],
        headers: StaffHeaders,
        params: ServiceParams,
        response: { 200: ChangeSchema, ...errors },
      },
    },
    async (req) => {
      const staffId = requireStaff(req, config);
      return withdrawService(db, staffId, req.id, req.params.code, req.params.id);
    },
  );
}
