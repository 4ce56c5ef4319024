import { DomainError, type ErrorDetail, TooManyRequestsError } from '@forecourt/engine';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';

/** The one error shape of the API: `{ error: { code, message, details } }`. */
export interface ErrorBody {
  error: { code: string; message: string; details: ErrorDetail[] };
}

const STATUS: Record<DomainError['code'], number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  too_many_requests: 429,
  unavailable: 503,
};

/** Fastify's own error codes, translated into words a person understands. */
const FASTIFY: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'bad_request', 'The request body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'bad_request', 'The request body is empty but JSON was announced.'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large', 'The request body is too large.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'Send the body as application/json.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    400,
    'bad_request',
    'The Content-Length header does not match the body.',
  ],
  // @fastify/multipart (file uploads)
  FST_REQ_FILE_TOO_LARGE: [413, 'payload_too_large', 'The file is larger than allowed.'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [
    415,
    'unsupported_media_type',
    'Send the file as multipart/form-data with one file part.',
  ],
  FST_FILES_LIMIT: [413, 'payload_too_large', 'Send one file per request.'],
  FST_PARTS_LIMIT: [413, 'payload_too_large', 'The upload has too many parts; send just the file.'],
  FST_FIELDS_LIMIT: [413, 'payload_too_large', 'The upload has too many fields; send just the file.'],
  FST_PROTO_VIOLATION: [400, 'bad_request', 'A part of the upload has a forbidden name.'],
  FST_INVALID_JSON_FIELD_ERROR: [400, 'bad_request', 'A JSON part of the upload is not valid JSON.'],
  FST_MP_PREMATURE_CLOSE: [400, 'bad_request', 'The upload ended before the file was complete.'],
  FST_CSRF_MISSING_SECRET: [
    403,
    'csrf_failed',
    'The CSRF token is missing or wrong. Reload the page and try again.',
  ],
  FST_CSRF_INVALID_TOKEN: [
    403,
    'csrf_failed',
    'The CSRF token is missing or wrong. Reload the page and try again.',
  ],
};

/**
 * What the database refuses that the request could have caused, by SQLSTATE (PostgreSQL and PGlite alike):
 * a NUL character in text, which PostgreSQL cannot store, and a transaction chosen as a deadlock victim or
 * failed serialization, which is safe to send again.
 */
const DATABASE: Record<string, [number, string, string]> = {
  '22021': [400, 'bad_request', 'The request contains a NUL character (\\u0000), which text may not hold.'],
  '22P05': [400, 'bad_request', 'The request contains a NUL character (\\u0000), which text may not hold.'],
  '40P01': [409, 'conflict', 'Another change to the same records got in the way. Try again.'],
  '40001': [409, 'conflict', 'Another change to the same records got in the way. Try again.'],
};

/** Seconds a client is asked to wait when the database is out of reach. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '53300', // too_many_connections
]);
const CONNECTION_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i;

/**
 * The database is out of reach (host down, restarted, network cut): not the request's fault and not a
 * bug, so 503 with Retry-After. Covers the socket errors, pg's own messages and SQLSTATE class 08.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true;
  if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}

export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  details: ErrorDetail[] = [],
): FastifyReply {
  return reply
    .code(status)
    .type('application/json')
    .send({ error: { code, message, details } } satisfies ErrorBody);
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      if (error instanceof TooManyRequestsError && error.retryAfterSeconds) {
        reply.header('retry-after', String(error.retryAfterSeconds));
      }
      return sendError(reply, STATUS[error.code], error.code, error.message, error.details);
    }
    if (error.validation) {
      return sendError(
        reply,
        400,
        'bad_request',
        'The request does not have the expected shape.',
        validationDetails(error),
      );
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'the database is out of reach');
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      return sendError(
        reply,
        503,
        'unavailable',
        'The database cannot be reached just now. Try again in a few seconds.',
      );
    }
    const known = error.code ? (FASTIFY[error.code] ?? DATABASE[error.code]) : undefined;
    if (known) return sendError(reply, known[0], known[1], known[2]);
    if (error.statusCode === 429) {
      return sendError(reply, 429, 'too_many_requests', 'Too many requests. Wait a moment and try again.');
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, error.statusCode, 'bad_request', error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, 500, 'internal', 'Something went wrong on our side. The error has been logged.');
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, 'not_found', `There is no ${request.method} ${request.url.split('?')[0]}.`),
  );
}

function validationDetails(error: FastifyError): ErrorDetail[] {
  const where = error.validationContext ?? 'body';
  return (error.validation ?? []).map((issue) => {
    const params = issue.params as Record<string, unknown>;
    let path = issue.instancePath;
    let message = issue.message ?? 'is not valid';
    if (issue.keyword === 'additionalProperties') {
      path += `/${String(params.additionalProperty)}`;
      message = 'is not a known property';
    } else if (issue.keyword === 'required') {
      path += `/${String(params.missingProperty)}`;
      message = 'is required';
    }
    return { path: where === 'body' ? path || '/' : `${where}:${path || '/'}`, message };
  });
}
