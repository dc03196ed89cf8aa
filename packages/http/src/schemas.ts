import { Type } from '@fastify/type-provider-typebox';

export { AppError } from '@madoguchi/errors';

/** The error body as a schema, so every route can declare its error responses in OpenAPI. */
export const ErrorBodySchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      requestId: Type.String(),
      fields: Type.Optional(
        Type.Array(Type.Object({ path: Type.String(), code: Type.String(), message: Type.String() })),
      ),
      details: Type.Optional(
        Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
      ),
    }),
  },
  { $id: 'ErrorBody', title: 'ErrorBody' },
);
