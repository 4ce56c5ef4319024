import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_AUDIT_PAGE, queryAudit } from '@forecourt/engine';
import { AuditPage } from '@forecourt/schemas/api';
import { Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, errors } from '../http/schemas';
import type { RouteDeps } from './deps';

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
        operationId: 'listAuditEntries',
        tags: ['audit'],
        summary:
          'The audit log: logins, permission and admin changes, exports and API token requests, newest first',
        querystring: AuditQuerystring,
        response: {
          200: AuditPage,
          ...errors(...AUTH_ERRORS, 422),
        },
      },
    },
    async (request) => queryAudit(db, actorOf(request), request.query),
  );
};
