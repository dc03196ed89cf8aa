import { AppError } from '@madoguchi/errors';
import { NoticeContent, SignatureHeaders } from '@madoguchi/exchange';
import { ErrorBodySchema, type HttpApp, Type } from '@madoguchi/http';
import type { FastifyRequest } from 'fastify';
import type { HubContext } from '../../services/context.ts';
import {
  addressRecipients,
  MAX_RECIPIENTS_PER_BATCH,
  PORTAL_AGENCY_CODE,
  putNotice,
} from '../../services/notices/address-notice.ts';
import { agencyGuard, callerOf } from '../agency-auth.ts';

const errors = (...s: number[]) => Object.fromEntries(s.map((n) => [n, ErrorBodySchema]));
const Fugo = Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' });
const NoticeId = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  description: "The agency's notice id (UUID)",
});

function caller(req: FastifyRequest) {
  const c = callerOf(req);
  // The portal receives notices; it does not send them through itself.
  if (c.code === PORTAL_AGENCY_CODE) throw new AppError('exchange.agency_kind_not_allowed');
  return { ...c, requestId: req.id };
}

/** Agency → hub: notice content and recipient batches, forwarded to the portal with link codes translated. */
export function registerNoticeRoutes(app: HttpApp, ctx: HubContext): void {
  app.put(
    '/api/notices/:noticeId',
    {
      preValidation: agencyGuard(),
      // Three 2 MiB PDFs as base64 plus the text.
      bodyLimit: 9 * 1024 * 1024,
      schema: {
        summary: "A notice's content (signed agency request), forwarded to the portal; idempotent",
        description: 'Same id and content → 200; same id, other content → 409 notice.conflict.',
        tags: ['notices'],
        headers: SignatureHeaders,
        params: Type.Object({ noticeId: NoticeId }),
        body: NoticeContent,
        response: {
          200: Type.Object({ noticeId: Type.String(), created: Type.Boolean() }),
          ...errors(400, 401, 403, 409, 503),
        },
      },
    },
    async (req) => {
      const got = await putNotice(ctx, caller(req), req.params.noticeId.toLowerCase(), req.body);
      return { noticeId: req.params.noticeId.toLowerCase(), created: got.created };
    },
  );

  app.post(
    '/api/notices/:noticeId/recipients',
    {
      preValidation: agencyGuard(),
      schema: {
        summary: "A batch of the agency's link codes for a notice; unknown codes are reported back",
        description:
          'Each link code is mapped to the person and to the portal link code (one query per batch) and ' +
          'forwarded; the portal stores recipients as a set, so a repeated batch adds nobody twice.',
        tags: ['notices'],
        headers: SignatureHeaders,
        params: Type.Object({ noticeId: NoticeId }),
        body: Type.Object(
          { recipients: Type.Array(Fugo, { minItems: 1, maxItems: MAX_RECIPIENTS_PER_BATCH }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ delivered: Type.Integer(), unknown: Type.Array(Type.String()) }),
          ...errors(400, 401, 403, 404, 503),
        },
      },
    },
    async (req) =>
      addressRecipients(ctx, caller(req), req.params.noticeId.toLowerCase(), req.body.recipients),
  );
}
