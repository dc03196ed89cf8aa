import type { KeyObject } from 'node:crypto';
import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { NonceCache, NoticeContent, SignatureHeaders, verifySignedRequest } from '@madoguchi/exchange';
import { ErrorBodySchema, type HttpApp, Type } from '@madoguchi/http';
import type { FastifyRequest } from 'fastify';
import type { PortalDB } from '../../data/schema.ts';
import { addRecipients, storeNotice } from '../../services/notices/store-notice.ts';

const errors = (...s: number[]) => Object.fromEntries(s.map((n) => [n, ErrorBodySchema]));
const Params = Type.Object({
  agencyCode: Type.String({ pattern: '^[a-z0-9-]{1,32}$' }),
  noticeId: Type.String({
    pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
    description: "The sending agency's notice id (UUID, lower case)",
  }),
});

export interface HubNoticeDeps {
  db: Kysely<PortalDB>;
  /** The hub network key (pinned or fetched once). */
  hubKey: () => Promise<KeyObject>;
}

/**
 * Hub → portal: notice content and recipient batches, signed by the hub's network key (agency `hub`).
 * Registered in its own plugin scope, whose JSON parser keeps the raw bytes the signature covers.
 */
export function registerHubNoticeRoutes(app: HttpApp, deps: HubNoticeDeps): void {
  const nonces = new NonceCache();
  const raw = new WeakMap<object, Buffer>();

  async function requireHub(req: FastifyRequest): Promise<void> {
    const key = await deps.hubKey();
    const check = verifySignedRequest({
      headers: req.headers,
      method: req.method,
      path: req.url,
      body: raw.get(req) ?? Buffer.alloc(0),
      keyOf: (a) => (a === 'hub' ? key : undefined),
      nonces,
    });
    if (!check.ok) {
      if (check.reason === 'missing') throw new AppError('auth.required');
      throw new AppError('exchange.signature_invalid', { details: { reason: check.reason } });
    }
  }

  app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
      const bytes = body as Buffer;
      raw.set(req, bytes);
      if (bytes.length === 0) return done(null, undefined);
      try {
        done(null, JSON.parse(bytes.toString('utf8')));
      } catch (err) {
        (err as Error & { statusCode?: number }).statusCode = 400;
        done(err as Error, undefined);
      }
    });
    const s = scope as unknown as HttpApp;

    s.put(
      '/api/hub/notices/:agencyCode/:noticeId',
      {
        preValidation: requireHub,
        bodyLimit: 9 * 1024 * 1024,
        config: { rateLimit: false },
        schema: {
          summary: "Store a notice's content (hub-signed); idempotent by content hash",
          description: 'Same id and content → 200 created=false; other content → 409 notice.conflict.',
          tags: ['machine'],
          headers: SignatureHeaders,
          params: Params,
          body: NoticeContent,
          response: {
            200: Type.Object({ id: Type.String(), created: Type.Boolean() }),
            ...errors(400, 401, 409),
          },
        },
      },
      async (req) => storeNotice(deps.db, { ...req.params, requestId: req.id }, req.body),
    );

    s.post(
      '/api/hub/notices/:agencyCode/:noticeId/recipients',
      {
        preValidation: requireHub,
        config: { rateLimit: false },
        schema: {
          summary: 'Add a batch of recipients (portal link codes) to a notice (hub-signed); a set',
          description:
            'Stores membership rows and, in the same transaction, the mail-alert and e-delivery jobs for ' +
            'the newly added recipients only.',
          tags: ['machine'],
          headers: SignatureHeaders,
          params: Params,
          body: Type.Object(
            {
              recipients: Type.Array(Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' }), {
                minItems: 1,
                maxItems: 10_000,
              }),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ noticeId: Type.String(), added: Type.Integer() }),
            ...errors(400, 401, 404),
          },
        },
      },
      async (req) => addRecipients(deps.db, { ...req.params, requestId: req.id }, req.body.recipients),
    );
  });
}
