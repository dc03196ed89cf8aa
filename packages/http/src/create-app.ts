import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import { type Static, Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  LogController,
  type RawServerDefault,
} from 'fastify';
import { type ErrorPageRenderer, installErrorHandling, sendError } from './error-handler.ts';
import { installMetrics } from './metrics.ts';
import { redactPaths } from './redaction.ts';
import { AppError, ErrorBodySchema } from './schemas.ts';
import { securityHeaders } from './security-headers.ts';

export type HttpApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface HttpAppOptions {
  name: string;
  title: string;
  description: string;
  mode: 'development' | 'test' | 'production';
  logLevel: string;
  /** Requests per minute per client address. */
  rateLimitMax: number;
  bodyLimit?: number;
  /** Readiness: resolves true when the app's dependencies (its database) answer. */
  ready: () => Promise<boolean>;
  renderErrorPage?: ErrorPageRenderer;
  /** Extra CSP sources, e.g. the card reader agent's origin for connect-src. */
  connectSrc?: string[];
  /** Extra form-action sources: Chromium applies form-action to a form's redirects too. */
  formAction?: string[];
  /** Where logs go (tests capture them to check redaction); stdout by default. */
  logStream?: { write(line: string): void };
}

const requestIdPattern = /^[A-Za-z0-9._-]{8,100}$/;

const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  app: Type.String(),
  uptimeSeconds: Type.Number(),
});
const ReadySchema = Type.Object({ status: Type.Literal('ready'), app: Type.String() });
export type Health = Static<typeof HealthSchema>;

/**
 * The Fastify instance every madoguchi app starts from: request ids, redacted structured logs,
 * security headers, rate limiting, schema validation and serialization, OpenAPI, health, readiness
 * and metrics, and one error mapping.
 */
export async function createHttpApp(options: HttpAppOptions): Promise<HttpApp> {
  const app = Fastify({
    logger: {
      level: options.logLevel,
      redact: { paths: redactPaths, censor: '[redacted]' },
      base: { app: options.name },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    // An upstream id (from another madoguchi app) is kept so one request can be followed across
    // services; anything odd-looking is replaced rather than logged verbatim.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    ajv: {
      customOptions: {
        allErrors: true,
        coerceTypes: 'array',
        removeAdditional: false,
        allowUnionTypes: true,
      },
    },
    // One access-log line per request (below) instead of Fastify's two: half the logging cost.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  }).withTypeProvider<TypeBoxTypeProvider>();

  const staticHeaders = securityHeaders({
    production: options.mode === 'production',
    connectSrc: options.connectSrc,
    formAction: options.formAction,
  });
  app.addHook('onRequest', async (req, reply) => {
    reply.headers(staticHeaders);
    reply.header('x-request-id', req.id);
  });
  app.addHook('onResponse', async (req, reply) => {
    // The route template, not the URL: URLs can carry ids, and ids are personal data.
    req.log.info(
      {
        method: req.method,
        route: req.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  });

  await app.register(rateLimit, {
    max: options.rateLimitMax,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req, context) => {
      const err = new AppError('request.rate_limited', {
        details: { retryAfterSeconds: Math.ceil(context.ttl / 1000) },
      });
      (err as AppError & { statusCode: number }).statusCode = 429;
      return err;
    },
  });
  await app.register(formbody);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: options.title, description: options.description, version: '0.1.0' },
    },
  });

  installErrorHandling(app, options.renderErrorPage);
  installMetrics(app, options.name);
  const startedAt = Date.now();

  app.get(
    '/healthz',
    {
      config: { rateLimit: false },
      schema: {
        summary: 'Liveness: the process is up',
        tags: ['operations'],
        response: { 200: HealthSchema },
      },
    },
    async () => ({
      status: 'ok' as const,
      app: options.name,
      uptimeSeconds: (Date.now() - startedAt) / 1000,
    }),
  );

  app.get(
    '/readyz',
    {
      config: { rateLimit: false },
      schema: {
        summary: 'Readiness: the database answers',
        tags: ['operations'],
        response: { 200: ReadySchema, 503: ErrorBodySchema },
      },
    },
    async (req, reply) => {
      if (await options.ready()) return { status: 'ready' as const, app: options.name };
      return sendError(req, reply, new AppError('service.unavailable'), undefined);
    },
  );

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
