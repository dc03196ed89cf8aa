import { type HttpApp, Type } from '@madoguchi/http';
import { answerOcsp } from '../../services/answer-ocsp.ts';
import type { JpkiContext } from '../../services/context.ts';
import { currentCrl } from '../../services/publish-crl.ts';
import { errors } from '../schemas.ts';

const ocspBodyLimit = 64 * 1024;
/**
 * Relying parties (the portal above all) ask from a few addresses at login rate, so the per-address
 * limit every app has would refuse them; OCSP capacity is the responder's own concern.
 */
const noRateLimit = { rateLimit: false } as const;

function sendOcsp(reply: import('fastify').FastifyReply, der: Buffer) {
  return reply.type('application/ocsp-response').header('cache-control', 'no-store').send(der);
}

/** GET /ocsp/<base64>: the path segment may arrive percent-encoded (openssl does) or raw. */
function decodeGetRequest(raw: string): Buffer {
  let text = raw;
  try {
    if (text.includes('%')) text = decodeURIComponent(text);
  } catch {
    return Buffer.alloc(0);
  }
  return /^[A-Za-z0-9+/=_-]*$/.test(text) && text.length <= (ocspBodyLimit * 4) / 3
    ? Buffer.from(text, 'base64')
    : Buffer.alloc(0);
}

export function registerRevocationRoutes(app: HttpApp, ctx: JpkiContext): void {
  for (const kind of ['sign', 'auth'] as const) {
    app.get(
      `/crl/${kind}.crl`,
      {
        schema: {
          summary: `The CRL of the ${kind === 'sign' ? 'signature' : 'authentication'} CA (DER)`,
          tags: ['revocation'],
          produces: ['application/pkix-crl'],
          response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(503) },
        },
      },
      async (_req, reply) => {
        const der = await currentCrl(ctx.db, await ctx.ca.get(), kind);
        return reply.type('application/pkix-crl').header('cache-control', 'public, max-age=300').send(der);
      },
    );
  }

  app.addContentTypeParser(
    'application/ocsp-request',
    { parseAs: 'buffer', bodyLimit: ocspBodyLimit },
    (_req, body, done) => done(null, body),
  );

  app.post(
    '/ocsp',
    {
      bodyLimit: ocspBodyLimit,
      config: noRateLimit,
      schema: {
        summary: 'OCSP responder (RFC 6960), POST form',
        tags: ['revocation'],
        consumes: ['application/ocsp-request'],
        produces: ['application/ocsp-response'],
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(415, 503) },
      },
    },
    async (req, reply) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      return sendOcsp(reply, await answerOcsp(ctx.db, await ctx.ca.get(), body));
    },
  );

  app.get(
    '/ocsp/*',
    {
      config: noRateLimit,
      schema: {
        summary: 'OCSP responder (RFC 6960), GET form with the base64 DER request in the path',
        tags: ['revocation'],
        produces: ['application/ocsp-response'],
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(503) },
      },
    },
    async (req, reply) => {
      const raw = (req.params as { '*': string })['*'] ?? '';
      return sendOcsp(reply, await answerOcsp(ctx.db, await ctx.ca.get(), decodeGetRequest(raw)));
    },
  );
}
