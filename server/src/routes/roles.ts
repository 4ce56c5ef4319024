import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createRole, deleteRole, getRole, listRoles, updateRole } from '@forecourt/engine';
import { Role } from '@forecourt/schemas/api';
import { Type } from 'typebox';
import { withAudit } from '../http/audit';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, body, errors, IdParams, Name, NoContent } from '../http/schemas';
import type { RouteDeps } from './deps';

const Code = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z][A-Za-z0-9_]*$' });
const Description = Type.String({ maxLength: 500 });
export const roleRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const tags = ['organisation'];

  app.get(
    '/api/roles',
    {
      schema: {
        operationId: 'listRoles',
        tags,
        summary: 'All roles',
        response: { 200: Type.Object({ roles: Type.Array(Role) }), ...errors(...AUTH_ERRORS) },
      },
    },
    async (request) => ({ roles: await listRoles(db, actorOf(request).workspaceId) }),
  );

  app.post(
    '/api/roles',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'createRole',
        tags,
        summary: 'Create a role such as SalesManager',
        body: body({ code: Code, name: Name, description: Type.Optional(Description) }, 'NewRole'),
        response: { 201: Role, ...errors(...AUTH_ERRORS, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await withAudit(
          db,
          request,
          (trx) => createRole(trx, actorOf(request).workspaceId, request.body),
          (r) => ({ action: 'role.create', targetType: 'role', targetId: r.id, details: request.body }),
        ),
      ),
  );

  app.get(
    '/api/roles/:id',
    {
      schema: {
        operationId: 'getRole',
        tags,
        summary: 'One role',
        params: IdParams,
        response: { 200: Role, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request) => getRole(db, actorOf(request).workspaceId, request.params.id),
  );

  app.patch(
    '/api/roles/:id',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'updateRole',
        tags,
        summary: 'Change a role',
        params: IdParams,
        body: body(
          { code: Type.Optional(Code), name: Type.Optional(Name), description: Type.Optional(Description) },
          'RoleUpdate',
        ),
        response: { 200: Role, ...errors(...AUTH_ERRORS, 404, 409) },
      },
    },
    async (request) =>
      withAudit(
        db,
        request,
        (trx) => updateRole(trx, actorOf(request).workspaceId, request.params.id, request.body),
        (r) => ({
          action: 'role.update',
          targetType: 'role',
          targetId: r.id,
          details: { changes: request.body },
        }),
      ),
  );

  app.delete(
    '/api/roles/:id',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'deleteRole',
        tags,
        summary: 'Delete a role (its members lose it)',
        params: IdParams,
        response: { 204: NoContent, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request, reply) => {
      await withAudit(
        db,
        request,
        (trx) => deleteRole(trx, actorOf(request).workspaceId, request.params.id),
        () => ({ action: 'role.delete', targetType: 'role', targetId: request.params.id }),
      );
      return reply.code(204).send(null);
    },
  );
};
