import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_AUDIT_PAGE, queryAudit } from '@forecourt/engine';
import { Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, errors } from '../http/schemas';
import type { RouteDeps } from './deps';

const Nullable = (schema: ReturnType<typeof Type.String>) => Type.Union([schema, Type.Null()]);

const AuditEntry = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  actorId: Nullable(Type.String()),
  actorName: Nullable(Type.String({ description: "The actor's current name" })),
  via: Type.String({ description: 'session, token, system, public or anonymous' }),
  tokenId: Nullable(Type.String({ description: 'The API token the request came through' })),
  action: Type.String({ description: 'e.g. auth.login, user.create, form.publish, api.request' }),
  targetType: Nullable(Type.String()),
  targetId: Nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
  ip: Nullable(Type.String()),
});

const AuditQuerystring = Type.Object(
  {
    action: Type.Optional(
      Type.String({
        maxLength: 100,
        pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*(\\.\\*)?$',
        description: 'An exact action (user.create) or a prefix ending in .* (auth.*)',
      }),
    ),
    actorId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    targetType: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    targetId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Included' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Included' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_AUDIT_PAGE, default: 50 })),
    cursor: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'The next of the previous page' }),
    ),
  },
  { additionalProperties: false },
);

export const auditRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  app.get(
    '/api/audit',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['audit'],
        summary:
          'The audit log: logins, permission and admin changes, exports and API token requests, newest first',
        querystring: AuditQuerystring,
        response: {
          200: Type.Object({
            entries: Type.Array(AuditEntry),
            next: Type.Union([Type.String(), Type.Null()], {
              description: 'Pass as cursor for older entries; null on the last page',
            }),
          }),
          ...errors(...AUTH_ERRORS, 422),
        },
      },
    },
    async (request) => queryAudit(db, actorOf(request), request.query),
  );
};
