import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  directoryDepartments,
  directoryRoles,
  directoryUsers,
  MAX_DIRECTORY_IDS,
  MAX_DIRECTORY_PAGE,
  workspaceMemberships,
} from '@forecourt/engine';
import { DirectoryDepartment, DirectoryRole, DirectoryUser, Memberships } from '@forecourt/schemas/api';
import { Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, errors } from '../http/schemas';
import type { RouteDeps } from './deps';

const UsersQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 100, description: 'Part of the name or email, any case; active users only' }),
    ),
    ids: Type.Optional(
      Type.String({
        maxLength: MAX_DIRECTORY_IDS * 65,
        description: `Comma-separated user ids (at most ${MAX_DIRECTORY_IDS}): exactly those, disabled ones included`,
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_DIRECTORY_PAGE, default: 20 })),
  },
  { additionalProperties: false },
);

/**
 * What every member of the workspace may know about colleagues, for people pickers and for showing
 * the names behind stored ids. Not for scoped API tokens (403), like the other people-facing routes.
 */
export const directoryRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const tags = ['directory'];

  app.get(
    '/api/directory/users',
    {
      schema: {
        operationId: 'listDirectoryUsers',
        tags,
        summary: 'Colleagues by name or email, or by id: name and departments only',
        querystring: UsersQuery,
        response: {
          200: Type.Object({ users: Type.Array(DirectoryUser) }),
          ...errors(...AUTH_ERRORS, 422),
        },
      },
    },
    async (request) => {
      const { q, ids, limit } = request.query;
      return {
        users: await directoryUsers(db, actorOf(request), {
          q,
          limit,
          ids: ids === undefined ? undefined : ids.split(','),
        }),
      };
    },
  );

  app.get(
    '/api/directory/departments',
    {
      schema: {
        operationId: 'listDirectoryDepartments',
        tags,
        summary: 'Every department as a flat list; build the tree from parentId',
        response: {
          200: Type.Object({
            departments: Type.Array(DirectoryDepartment),
          }),
          ...errors(...AUTH_ERRORS),
        },
      },
    },
    async (request) => ({ departments: await directoryDepartments(db, actorOf(request)) }),
  );

  app.get(
    '/api/directory/roles',
    {
      schema: {
        operationId: 'listDirectoryRoles',
        tags,
        summary: 'Every role: id and name',
        response: { 200: Type.Object({ roles: Type.Array(DirectoryRole) }), ...errors(...AUTH_ERRORS) },
      },
    },
    async (request) => ({ roles: await directoryRoles(db, actorOf(request)) }),
  );

  app.get(
    '/api/memberships',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'listMemberships',
        tags: ['organisation'],
        summary: "Every user's departments and roles in one answer (admins; for the console's user table)",
        response: {
          200: Memberships,
          ...errors(...AUTH_ERRORS),
        },
      },
    },
    async (request) => workspaceMemberships(db, actorOf(request).workspaceId),
  );
};
