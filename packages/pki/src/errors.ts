import { AppError, type ErrorCode } from '@madoguchi/errors';

/**
 * The PKI kernel's error. It is an AppError so an HTTP app can let it through its error handler and
 * the client sees the code's localized message; `reason` is for logs and tests only.
 */
export class PkiError extends AppError {
  readonly reason: string;

  constructor(code: ErrorCode, reason: string, options: { cause?: unknown } = {}) {
    super(code, { cause: options.cause });
    this.name = 'PkiError';
    this.reason = reason;
  }
}
