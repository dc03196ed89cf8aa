import { ErrorBodySchema, Type } from '@madoguchi/http';

export const FactsSchema = Type.Object(
  {
    familyName: Type.String({ minLength: 1, maxLength: 100 }),
    givenName: Type.String({ maxLength: 100 }),
    address: Type.String({ minLength: 1, maxLength: 300 }),
    birthDate: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }),
    sex: Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3)]),
  },
  { additionalProperties: false },
);

export const ResidentRefSchema = Type.String({
  pattern: '^agency:[0-9]{5,6}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
  description: "The agency's reference agency:<municipality code>:<resident uuid>; never a My Number",
});

export const CsrSchema = Type.String({ minLength: 100, maxLength: 8192, description: 'PKCS#10 PEM' });

export const CardSerialParams = Type.Object({ cardSerial: Type.String({ pattern: '^[0-9]{12}$' }) });

export const RevocationReasonSchema = Type.Union([
  Type.Literal('unspecified'),
  Type.Literal('keyCompromise'),
  Type.Literal('affiliationChanged'),
  Type.Literal('superseded'),
  Type.Literal('cessationOfOperation'),
]);

const IssuedCertificate = Type.Object({ serial: Type.String(), certificatePem: Type.String() });

export const CardResponseSchema = Type.Object({
  cardSerial: Type.String(),
  sign: IssuedCertificate,
  auth: IssuedCertificate,
  chain: Type.Object({ rootPem: Type.String(), signCaPem: Type.String(), authCaPem: Type.String() }),
});

export const Base64Schema = (maxLength: number) =>
  Type.String({ minLength: 1, maxLength, pattern: '^[A-Za-z0-9+/]*={0,2}$' });

export const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, ErrorBodySchema])) as Record<number, typeof ErrorBodySchema>;

export const BearerHeaders = Type.Object({ authorization: Type.Optional(Type.String()) });

export const StaffHeaders = Type.Object({
  authorization: Type.Optional(Type.String()),
  'x-staff-id': Type.Optional(Type.String({ description: 'Staff member id, for the audit trail' })),
});
