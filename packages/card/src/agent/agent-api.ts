import { AppError } from '@madoguchi/errors';
import { ErrorBodySchema, type HttpApp, Type } from '@madoguchi/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { applyCors, requireAllowedOrigin } from './origin-checks.ts';
import type { RequestStore } from './request-store.ts';

const RequestBody = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('login'),
      // Printable ASCII only: it ends up on the page and inside the signed login string.
      challenge: Type.String({ minLength: 16, maxLength: 512, pattern: '^[\\x21-\\x7e]+$' }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('sign'),
      documentName: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f\\u007f]+$' }),
      documentHash: Type.String({ pattern: '^[0-9a-fA-F]{64}$' }),
    },
    { additionalProperties: false },
  ),
]);

const Result = Type.Object({ certificate: Type.String(), signature: Type.String() });
const IdParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{10,64}$' }) });

/** The JSON API the portal's page calls (cross-origin, CORS for the configured portal origins only). */
export function registerAgentApi(
  app: HttpApp,
  ctx: {
    store: RequestStore;
    allowed: ReadonlySet<string>;
    baseUrl: () => string;
    log: (msg: string) => void;
  },
): void {
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/v1/')) applyCors(req, reply, ctx.allowed);
  });

  const preflight = {
    schema: {
      summary: 'CORS preflight for the portal origins',
      tags: ['agent'],
      response: { 204: Type.Null(), 403: ErrorBodySchema },
    },
  };
  const preflightHandler = async (req: FastifyRequest, reply: FastifyReply) => {
    requireAllowedOrigin(req, reply, ctx.allowed);
    reply.header('access-control-allow-methods', 'GET, POST');
    reply.header('access-control-allow-headers', 'content-type');
    reply.header('access-control-max-age', '600');
    // Chrome's Private Network Access asks before a public page may call a loopback address.
    if (req.headers['access-control-request-private-network'] === 'true')
      reply.header('access-control-allow-private-network', 'true');
    return reply.code(204).send();
  };
  app.options('/v1/requests', preflight, preflightHandler);
  app.options('/v1/requests/:id', preflight, preflightHandler);

  app.post(
    '/v1/requests',
    {
      schema: {
        summary: 'Ask the person to use their card (login or signature)',
        tags: ['agent'],
        body: RequestBody,
        response: {
          201: Type.Object({ id: Type.String(), approveUrl: Type.String() }),
          400: ErrorBodySchema,
          403: ErrorBodySchema,
          429: ErrorBodySchema,
        },
      },
    },
    async (req, reply) => {
      const site = requireAllowedOrigin(req, reply, ctx.allowed);
      const body = req.body;
      const request = ctx.store.create(
        body.kind === 'login'
          ? { kind: 'login', challenge: body.challenge }
          : { kind: 'sign', documentName: body.documentName, documentHash: body.documentHash.toLowerCase() },
        site,
      );
      ctx.log(`request ${request.id}: ${request.kind} from ${site}`);
      return reply.code(201).send({ id: request.id, approveUrl: `${ctx.baseUrl()}/requests/${request.id}` });
    },
  );

  app.get(
    '/v1/requests/:id',
    {
      schema: {
        summary: 'Status of a request, with the signature once approved',
        tags: ['agent'],
        params: IdParams,
        response: {
          200: Type.Object({
            status: Type.Union([
              Type.Literal('pending'),
              Type.Literal('done'),
              Type.Literal('declined'),
              Type.Literal('locked'),
              Type.Literal('expired'),
            ]),
            result: Type.Optional(Result),
          }),
          400: ErrorBodySchema,
          403: ErrorBodySchema,
          404: ErrorBodySchema,
        },
      },
    },
    async (req, reply) => {
      const origin = requireAllowedOrigin(req, reply, ctx.allowed);
      const request = ctx.store.get(req.params.id);
      // Another allowed site must not learn that the request exists, let alone its signature.
      if (!request || request.site !== origin) throw new AppError('agent.request_not_found');
      return { status: request.status, ...(request.result ? { result: request.result } : {}) };
    },
  );
}
