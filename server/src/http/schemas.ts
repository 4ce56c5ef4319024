import { closed } from '@forecourt/schemas/api';
import { type TSchema, Type } from 'typebox';

/** The server's own shapes: the error body and small pieces of route schemas. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. validation_failed' }),
      message: Type.String({ description: 'What went wrong, in words a person understands' }),
      details: Type.Array(
        Type.Object({
          path: Type.String({ description: 'Where in the input, e.g. /email' }),
          message: Type.String(),
          code: Type.Optional(
            Type.String({ description: 'Stable reason, when given, e.g. public_link.field_not_listed' }),
          ),
          params: Type.Optional(
            Type.Record(Type.String(), Type.Unknown(), { description: 'Values the reason speaks of' }),
          ),
        }),
      ),
    }),
  },
  { $id: 'Error', title: 'Error' },
);

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed: bad JSON, wrong types, unknown or missing properties',
  401: 'Not logged in, or the session or API token is no longer valid',
  403: 'Logged in but not allowed, or the CSRF token is missing',
  404: 'No such thing in this workspace',
  409: 'Conflicts with what is stored (duplicate, stale revision, still in use)',
  413: 'The body is larger than allowed',
  415: 'The body is not JSON',
  422: 'Well-formed but not acceptable; details name each field',
  429: 'Too many requests or login attempts; see Retry-After',
};

/** Response schemas for the error statuses a route can answer with. */
export function errors(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(
    statuses.map((status) => [status, Type.Ref('Error', { description: DESCRIPTIONS[status] ?? 'Error' })]),
  );
}

/** Errors every authenticated route can answer with. */
export const AUTH_ERRORS = [400, 401, 403, 413, 415, 429] as const;

/** A body the server alone names (the shared ones are in @forecourt/schemas/api): no unnamed properties. */
export const body = closed;

export const IdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Name = Type.String({ minLength: 1, maxLength: 100 });
export const Password = Type.String({ minLength: 1, maxLength: 200 });
export const NoContent = Type.Null({ description: 'No content' });
