import {
  AppError,
  appErrorFromDatabase,
  type ErrorCode,
  fieldErrorsFromSchemaIssues,
  type Lang,
  toErrorBody,
} from '@madoguchi/errors';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestLang, wantsHtml } from './request-lang.ts';

export type ErrorPageRenderer = (input: {
  status: number;
  code: ErrorCode;
  lang: Lang;
  requestId: string;
  err: AppError;
}) => string;

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.malformed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed',
  FST_ERR_NOT_FOUND: 'route.not_found',
};

/** Turns anything thrown into an AppError; whatever is not recognised becomes internal.error. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const fe = err as Partial<FastifyError> & { validation?: unknown[]; validationContext?: string };
  if (Array.isArray(fe.validation)) {
    const fields = fieldErrorsFromSchemaIssues(
      fe.validation as { instancePath: string; keyword: string; params: Record<string, unknown> }[],
      `/${fe.validationContext ?? 'body'}`,
    );
    return new AppError('request.invalid', { fields, cause: err });
  }
  if (typeof fe.code === 'string' && fastifyCodes[fe.code])
    return new AppError(fastifyCodes[fe.code] as ErrorCode, { cause: err });
  if (fe.statusCode === 429) return new AppError('request.rate_limited', { cause: err });
  if (err instanceof SyntaxError && fe.statusCode === 400)
    return new AppError('request.malformed', { cause: err });
  return appErrorFromDatabase(err) ?? new AppError('internal.error', { cause: err });
}

export function sendError(
  req: FastifyRequest,
  reply: FastifyReply,
  err: AppError,
  renderPage?: ErrorPageRenderer,
) {
  const lang = requestLang(req);
  const status = err.status;
  req.server.countError(err.code);
  if (renderPage && wantsHtml(req)) {
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(renderPage({ status, code: err.code, lang, requestId: req.id, err }));
  }
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send(toErrorBody(err, lang, req.id));
}

/**
 * One mapping from failures to responses. Clients get a code, a localized message and the request
 * id; the cause (stack, SQL, personal data) goes to the log only.
 */
export function installErrorHandling(app: FastifyInstance, renderPage?: ErrorPageRenderer): void {
  app.setErrorHandler((err, req, reply) => {
    const appErr = toAppError(err);
    if (appErr.status >= 500) req.log.error({ err, code: appErr.code }, 'request failed');
    else req.log.info({ code: appErr.code }, 'request rejected');
    return sendError(req, reply, appErr, renderPage);
  });
  app.setNotFoundHandler((req, reply) => sendError(req, reply, new AppError('route.not_found'), renderPage));
}
