import { Type } from '@madoguchi/http';

export const LangQuery = Type.Object({
  lang: Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')])),
});

const text = (max: number) => Type.String({ maxLength: max });

/** Form and JSON bodies share the shape; the service gives the field-level messages. */
export const InquiryBody = Type.Object(
  {
    name: Type.Optional(text(200)),
    email: Type.Optional(text(400)),
    category: Type.Optional(text(40)),
    message: Type.Optional(text(8000)),
    lang: Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);

export const InquiryCreated = Type.Object({ reference: Type.String() });

export const InquiryList = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      reference: Type.String(),
      name: Type.String(),
      email: Type.String(),
      category: Type.String(),
      message: Type.String(),
      lang: Type.String(),
      createdAt: Type.String(),
    }),
  ),
});
