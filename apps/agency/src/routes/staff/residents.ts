import type { Kysely } from '@madoguchi/db';
import { ErrorBodySchema, type HttpApp, Type } from '@madoguchi/http';
import type { AgencyConfig } from '../../config.ts';
import type { AgencyDB } from '../../data/schema.ts';
import { createResidentForStaff, readResidentForStaff } from '../../services/staff-residents.ts';
import { requireStaff, StaffHeaders } from './staff-api-auth.ts';

const Sex = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3)]);
const Name = Type.String({ minLength: 1, maxLength: 50, pattern: '^[^\\u0000-\\u001f\\u007f]+$' });

/** No My Number field: the response schema is what is serialized, so it cannot leak by accident. */
const StaffResident = Type.Object({
  id: Type.String(),
  municipalityCode: Type.String(),
  familyKana: Type.String(),
  givenKana: Type.String(),
  facts: Type.Object({
    familyName: Type.String(),
    givenName: Type.String(),
    address: Type.String(),
    birthDate: Type.String(),
    sex: Sex,
  }),
});

export function registerStaffResidentsApi(app: HttpApp, db: Kysely<AgencyDB>, config: AgencyConfig): void {
  app.get(
    '/api/staff/residents/:id',
    {
      schema: {
        summary: "Read one resident's basic facts, e.g. to issue a card (staff only)",
        tags: ['staff'],
        headers: StaffHeaders,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: {
          200: StaffResident,
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          404: ErrorBodySchema,
        },
      },
    },
    async (req) => {
      const staffId = requireStaff(req, config);
      return readResidentForStaff(db, staffId, req.id, req.params.id);
    },
  );

  app.post(
    '/api/staff/residents',
    {
      schema: {
        summary: 'Create a demo resident with a fresh My Number (staff only; the number is not returned)',
        description:
          "With householdOf, the resident joins that resident's household (same municipality and address unless given) with the given relationship.",
        tags: ['staff'],
        headers: StaffHeaders,
        body: Type.Object(
          {
            municipalityCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
            familyName: Type.Optional(Name),
            givenName: Type.Optional(Name),
            familyKana: Type.Optional(
              Type.String({ maxLength: 50, pattern: '^[\\u30a0-\\u30ff\\u3000 ]*$' }),
            ),
            givenKana: Type.Optional(Type.String({ maxLength: 50, pattern: '^[\\u30a0-\\u30ff\\u3000 ]*$' })),
            birthDate: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' })),
            sex: Type.Optional(Sex),
            address: Type.Optional(
              Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f\\u007f]+$' }),
            ),
            householdOf: Type.Optional(Type.String({ format: 'uuid' })),
            relationship: Type.Optional(
              Type.Union([
                Type.Literal('head'),
                Type.Literal('spouse'),
                Type.Literal('child'),
                Type.Literal('parent'),
                Type.Literal('other'),
              ]),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          201: StaffResident,
          400: ErrorBodySchema,
          401: ErrorBodySchema,
        },
      },
    },
    async (req, reply) => {
      const staffId = requireStaff(req, config);
      const resident = await createResidentForStaff(db, staffId, req.id, req.body ?? {});
      return reply.code(201).send(resident);
    },
  );
}
