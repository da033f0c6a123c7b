import type { ErrorCode, ErrorDetail, ErrorStatus } from '@helpdesk/contract';

/**
 * The one error class services throw; the error handler turns it into the error shape. The code
 * must be in the contract's errorCatalog and the status one of that code's (a type error otherwise).
 */
export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly code: C,
    readonly statusCode: ErrorStatus<C>,
    message?: string,
    readonly details?: ErrorDetail[],
    /** Extra fields for the error body, e.g. the current ticket on a version conflict. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message ?? code);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'Resource') => new AppError('NOT_FOUND', 404, `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('FORBIDDEN', 403, message);
export const unauthenticated = () => new AppError('UNAUTHENTICATED', 401, 'Sign in first');
export const ruleViolation = (message: string, details?: ErrorDetail[]) =>
  new AppError('RULE_VIOLATION', 422, message, details);
export const validationError = (message: string, details?: ErrorDetail[]) =>
  new AppError('VALIDATION_ERROR', 400, message, details);

/** 429 with the seconds to wait; the error handler sends them as Retry-After. */
export class RateLimitedError extends AppError<'RATE_LIMITED'> {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', 429, `Too many attempts; try again in ${retryAfterSeconds} seconds`);
  }
}

/** What a background failure (an event, a mail, a webhook post) keeps of its error for admins. */
export const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 2000);
