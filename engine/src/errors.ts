/**
 * Typed errors of the engine. The server maps each `code` to an HTTP status in one
 * place (server/src/http/errors.ts); nothing else decides a status.
 */
export interface ErrorDetail {
  /** JSON-pointer-like path of the offending input, e.g. `/email` or `/data/f_total`. */
  path: string;
  message: string;
  /** Stable machine-readable reason, for clients that word it themselves (e.g. `public_link.field_not_listed`). */
  code?: string;
  /** Values the reason speaks of, e.g. `{ field: 'f_note' }`. */
  params?: Record<string, unknown>;
}

export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'too_many_requests'
  | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super('validation_failed', message, details);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'Please log in first.') {
    super('unauthorized', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this.') {
    super('forbidden', message);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('not_found', `${what} was not found.`);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super('conflict', message, details);
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super('too_many_requests', message);
  }
}
