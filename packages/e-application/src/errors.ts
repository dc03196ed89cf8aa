/**
 * The package's one thrown error type. Codes are a closed union so an app can map each to an AppError
 * code and an HTTP status in one table (packages/errors is not edited from here); messages are for
 * logs, never shown to residents. Expected outcomes (a bad upload, a mistyped receipt number) are
 * returned as result values instead, because the caller must branch on them.
 */
export type EApplicationErrorCode =
  | 'jcs.non_finite'
  | 'jcs.unsupported_type'
  | 'jcs.cycle'
  | 'jcs.lone_surrogate'
  | 'application.invalid_field'
  | 'application.duplicate_attachment'
  | 'application.not_canonical'
  | 'receipt.invalid_input';

export class EApplicationError extends Error {
  readonly code: EApplicationErrorCode;

  constructor(code: EApplicationErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.name = 'EApplicationError';
    this.code = code;
  }
}
