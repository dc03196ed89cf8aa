import { type ErrorCode, type Lang, messageOf, statusOf } from './codes.ts';

/** One field problem, addressed by JSON Pointer (RFC 6901) so forms can link the summary to the field. */
export interface FieldError {
  path: string;
  code: string;
  message: { ja: string; en: string };
}

export interface AppErrorOptions {
  fields?: FieldError[];
  /** Safe to show to the client; never put personal data or internals here. */
  details?: Record<string, string | number | boolean>;
  cause?: unknown;
}

/** The only error type services throw on purpose. Anything else becomes `internal.error`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[];
  readonly details: Record<string, string | number | boolean>;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields ?? [];
    this.details = options.details ?? {};
  }

  get status(): number {
    return statusOf(this.code);
  }
}

/** The JSON body every API error has. `requestId` lets support find the log line. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    requestId: string;
    fields?: { path: string; code: string; message: string }[];
    details?: Record<string, string | number | boolean>;
  };
}

export function toErrorBody(err: AppError, lang: Lang, requestId: string): ErrorBody {
  const body: ErrorBody = { error: { code: err.code, message: messageOf(err.code, lang), requestId } };
  if (err.fields.length > 0) {
    body.error.fields = err.fields.map((f) => ({ path: f.path, code: f.code, message: f.message[lang] }));
  }
  if (Object.keys(err.details).length > 0) body.error.details = err.details;
  return body;
}
