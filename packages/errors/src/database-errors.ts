import { AppError } from './app-error.ts';

/**
 * SQLSTATE classes that mean "the database is not there right now" rather than "your data is bad":
 * 08 connection exception, 57P01-03 admin shutdown / crash / cannot connect now, 53 insufficient
 * resources. Node's own socket errors mean the same.
 */
const unavailableNodeCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (unavailableNodeCodes.has(code)) return true;
    if (code.startsWith('08') || code.startsWith('53') || code.startsWith('57P')) return true;
  }
  const message = err.message;
  return (
    message.includes('Connection terminated') ||
    message.includes('timeout exceeded when trying to connect') ||
    message.includes('Client has encountered a connection error')
  );
}

/**
 * Named constraints map to error codes in one place, so a unique violation on
 * `inquiry_reference_uq` (say) can become a typed error instead of a 500.
 */
const constraintCodes = new Map<string, AppError['code']>();

export function registerConstraintError(constraint: string, code: AppError['code']): void {
  constraintCodes.set(constraint, code);
}

export function appErrorFromDatabase(err: unknown): AppError | undefined {
  if (isDatabaseUnavailable(err)) return new AppError('service.unavailable', { cause: err });
  const constraint = (err as { constraint?: unknown } | null)?.constraint;
  if (typeof constraint === 'string') {
    const code = constraintCodes.get(constraint);
    if (code) return new AppError(code, { cause: err, details: { constraint } });
  }
  return undefined;
}
