/**
 * Schemas of what crosses the network between the apps, declared once so the sender's and the
 * receiver's validation (and their OpenAPI) cannot drift apart.
 */
import { Type } from '@madoguchi/http';
import { type NoticeKind, noticeKinds } from '@madoguchi/reference';

/**
 * The signed-request headers (docs/exchange.md). Optional in the schema so a missing signature is
 * answered 401 by the signature check, not 400 by validation.
 */
export const SignatureHeaders = Type.Object({
  'madoguchi-agency': Type.Optional(Type.String()),
  'madoguchi-timestamp': Type.Optional(Type.String()),
  'madoguchi-nonce': Type.Optional(Type.String()),
  'madoguchi-signature': Type.Optional(Type.String()),
});

/** 2 MiB of PDF as base64. */
const MAX_ATTACHMENT_B64 = Math.ceil((2 * 1024 * 1024) / 3) * 4;

/**
 * A notice's content on the wire (docs/notices.md "Model"): agency → hub `PUT /api/notices/{id}`, and
 * unchanged hub → portal `PUT /api/hub/notices/{agency}/{id}`.
 */
export const NoticeContent = Type.Object(
  {
    // Unsafe only for the static type: a union built from an array would type as `never`.
    kind: Type.Unsafe<NoticeKind>(Type.Union(noticeKinds.map((k) => Type.Literal(k)))),
    title: Type.String({ minLength: 1, maxLength: 120 }),
    body: Type.String({ maxLength: 10_000 }),
    attachments: Type.Optional(
      Type.Array(
        Type.Object(
          {
            filename: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^/\\\\\\x00-\\x1f]+$' }),
            contentBase64: Type.String({ minLength: 8, maxLength: MAX_ATTACHMENT_B64 }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 3 },
      ),
    ),
    actions: Type.Optional(
      Type.Array(
        Type.Object(
          {
            type: Type.Union([Type.Literal('apply'), Type.Literal('pay'), Type.Literal('link')]),
            label: Type.String({ minLength: 1, maxLength: 100 }),
            url: Type.String({
              maxLength: 2000,
              pattern: '^(https://|http://localhost[:/]|http://127\\.0\\.0\\.1[:/])',
            }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 3 },
      ),
    ),
    sentAt: Type.String({ format: 'date-time' }),
    expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
  },
  { additionalProperties: false },
);
