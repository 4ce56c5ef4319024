import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ConflictError,
  createUser,
  ForbiddenError,
  getUser,
  listUsers,
  managerChain,
  setPassword,
  setUserDepartments,
  setUserRoles,
  updateUser,
  userOrg,
} from '@forecourt/engine';
import { Managers, User, UserDetail } from '@forecourt/schemas/api';
import { Type } from 'typebox';
import { withAudit } from '../http/audit';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, body, Email, errors, IdParams, Name, NoContent, Password } from '../http/schemas';
import type { RouteDeps } from './deps';

const Membership = Type.Object(
  { departmentId: Type.String({ minLength: 1 }), isPrimary: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
const Memberships = Type.Array(Membership, { maxItems: 100 });
const RoleIds = Type.Array(Type.String({ minLength: 1 }), { maxItems: 100 });
const Status = Type.Union([Type.Literal('active'), Type.Literal('disabled')]);

export const userRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const tags = ['organisation'];

  app.get(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'listUsers',
        tags,
        summary: 'All users of the workspace',
        response: { 200: Type.Object({ users: Type.Array(User) }), ...errors(...AUTH_ERRORS) },
      },
    },
    async (request) => ({ users: await listUsers(db, actorOf(request).workspaceId) }),
  );

  app.post(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'createUser',
        tags,
        summary: 'Create a user, optionally with departments and roles',
        body: body(
          {
            email: Email,
            name: Name,
            password: Password,
            isAdmin: Type.Optional(Type.Boolean()),
            departments: Type.Optional(Memberships),
            roleIds: Type.Optional(RoleIds),
          },
          'NewUser',
        ),
        response: { 201: UserDetail, ...errors(...AUTH_ERRORS, 409, 422) },
      },
    },
    async (request, reply) => {
      const { workspaceId } = actorOf(request);
      const { departments = [], roleIds = [], ...input } = request.body;
      const detail = await withAudit(
        db,
        request,
        async (trx) => {
          const user = await createUser(trx, workspaceId, input);
          await setUserDepartments(trx, workspaceId, user.id, departments.map(withPrimary));
          await setUserRoles(trx, workspaceId, user.id, roleIds);
          return { user, ...(await userOrg(trx, workspaceId, user.id)) };
        },
        (d) => ({
          action: 'user.create',
          targetType: 'user',
          targetId: d.user.id,
          details: { email: d.user.email, name: d.user.name, isAdmin: d.user.isAdmin, departments, roleIds },
        }),
      );
      return reply.code(201).send(detail);
    },
  );

  app.get(
    '/api/users/:id',
    {
      schema: {
        operationId: 'getUser',
        tags,
        summary: 'One user with departments and roles (admins, or the user themself)',
        params: IdParams,
        response: { 200: UserDetail, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertSelfOrAdmin(actor, request.params.id);
      const user = await getUser(db, actor.workspaceId, request.params.id);
      return { user, ...(await userOrg(db, actor.workspaceId, user.id)) };
    },
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'updateUser',
        tags,
        summary: 'Change a user; disabling ends their sessions',
        params: IdParams,
        body: body(
          {
            email: Type.Optional(Email),
            name: Type.Optional(Name),
            isAdmin: Type.Optional(Type.Boolean()),
            status: Type.Optional(Status),
          },
          'UserUpdate',
        ),
        response: { 200: User, ...errors(...AUTH_ERRORS, 404, 409, 422) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (
        request.params.id === actor.userId &&
        (request.body.isAdmin === false || request.body.status === 'disabled')
      ) {
        throw new ConflictError('You cannot remove your own administrator rights or disable yourself.');
      }
      return withAudit(
        db,
        request,
        (trx) => updateUser(trx, actor.workspaceId, request.params.id, request.body),
        (user) => ({
          action: request.body.status === 'disabled' ? 'user.disable' : 'user.update',
          targetType: 'user',
          targetId: user.id,
          details: { changes: request.body },
        }),
      );
    },
  );

  app.put(
    '/api/users/:id/password',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'setUserPassword',
        tags,
        summary: "Set a user's password; clears login throttling and ends their sessions",
        params: IdParams,
        body: body({ password: Password }, 'PasswordReset'),
        response: { 204: NoContent, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request, reply) => {
      // The line says that it happened, never what the password is.
      await withAudit(
        db,
        request,
        (trx) => setPassword(trx, actorOf(request).workspaceId, request.params.id, request.body.password),
        () => ({ action: 'user.password_reset', targetType: 'user', targetId: request.params.id }),
      );
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/users/:id/departments',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'setUserDepartments',
        tags,
        summary: "Replace a user's departments (one is primary)",
        params: IdParams,
        body: body({ departments: Memberships }, 'UserDepartments'),
        response: { 200: UserDetail, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request) => {
      const { workspaceId } = actorOf(request);
      return withAudit(
        db,
        request,
        async (trx) => {
          await setUserDepartments(
            trx,
            workspaceId,
            request.params.id,
            request.body.departments.map(withPrimary),
          );
          return {
            user: await getUser(trx, workspaceId, request.params.id),
            ...(await userOrg(trx, workspaceId, request.params.id)),
          };
        },
        (d) => ({
          action: 'user.departments',
          targetType: 'user',
          targetId: d.user.id,
          details: { departments: d.departments },
        }),
      );
    },
  );

  app.put(
    '/api/users/:id/roles',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'setUserRoles',
        tags,
        summary: "Replace a user's roles",
        params: IdParams,
        body: body({ roleIds: RoleIds }, 'UserRoles'),
        response: { 200: UserDetail, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request) => {
      const { workspaceId } = actorOf(request);
      return withAudit(
        db,
        request,
        async (trx) => {
          await setUserRoles(trx, workspaceId, request.params.id, request.body.roleIds);
          return {
            user: await getUser(trx, workspaceId, request.params.id),
            ...(await userOrg(trx, workspaceId, request.params.id)),
          };
        },
        (d) => ({
          action: 'user.roles',
          targetType: 'user',
          targetId: d.user.id,
          details: { roleIds: d.roleIds },
        }),
      );
    },
  );

  app.get(
    '/api/users/:id/managers',
    {
      schema: {
        operationId: 'listUserManagers',
        tags,
        summary: "The user's supervisors, nearest first (department heads up the tree)",
        params: IdParams,
        response: {
          200: Managers,
          ...errors(...AUTH_ERRORS, 404),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertSelfOrAdmin(actor, request.params.id);
      return { managers: await managerChain(db, actor.workspaceId, request.params.id) };
    },
  );
};

function withPrimary(m: { departmentId: string; isPrimary?: boolean }) {
  return { departmentId: m.departmentId, isPrimary: m.isPrimary ?? false };
}

function assertSelfOrAdmin(actor: { userId: string; isAdmin: boolean }, userId: string): void {
  if (!actor.isAdmin && actor.userId !== userId)
    throw new ForbiddenError('You can only see your own account.');
}
