import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  createDepartment,
  deleteDepartment,
  departmentTree,
  getDepartment,
  updateDepartment,
} from '@forecourt/engine';
import { Department, DepartmentKind, DepartmentNode } from '@forecourt/schemas/api';
import { Type } from 'typebox';
import { withAudit } from '../http/audit';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, body, errors, IdParams, Name, NoContent } from '../http/schemas';
import type { RouteDeps } from './deps';

const NullableId = Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()]);
const Code = Type.Union([
  Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_.-]+$' }),
  Type.Null(),
]);

export const departmentRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const tags = ['organisation'];

  app.get(
    '/api/departments',
    {
      schema: {
        operationId: 'getDepartmentTree',
        tags,
        summary: 'The department tree: group → stores → departments, each with its head',
        response: {
          200: Type.Object({ departments: Type.Array(DepartmentNode) }),
          ...errors(...AUTH_ERRORS),
        },
      },
    },
    async (request) => ({ departments: await departmentTree(db, actorOf(request).workspaceId) }),
  );

  app.post(
    '/api/departments',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'createDepartment',
        tags,
        summary: 'Create a department',
        body: body(
          {
            parentId: Type.Optional(NullableId),
            name: Name,
            kind: DepartmentKind,
            code: Type.Optional(Code),
            headUserId: Type.Optional(NullableId),
            sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
          },
          'NewDepartment',
        ),
        response: { 201: Department, ...errors(...AUTH_ERRORS, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await withAudit(
          db,
          request,
          (trx) => createDepartment(trx, actorOf(request).workspaceId, request.body),
          (d) => ({
            action: 'department.create',
            targetType: 'department',
            targetId: d.id,
            details: request.body,
          }),
        ),
      ),
  );

  app.get(
    '/api/departments/:id',
    {
      schema: {
        operationId: 'getDepartment',
        tags,
        summary: 'One department',
        params: IdParams,
        response: { 200: Department, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request) => getDepartment(db, actorOf(request).workspaceId, request.params.id),
  );

  app.patch(
    '/api/departments/:id',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'updateDepartment',
        tags,
        summary: 'Rename, move, re-head or reorder a department',
        params: IdParams,
        body: body(
          {
            parentId: Type.Optional(NullableId),
            name: Type.Optional(Name),
            kind: Type.Optional(DepartmentKind),
            code: Type.Optional(Code),
            headUserId: Type.Optional(NullableId),
            sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
          },
          'DepartmentUpdate',
        ),
        response: { 200: Department, ...errors(...AUTH_ERRORS, 404, 409, 422) },
      },
    },
    async (request) =>
      withAudit(
        db,
        request,
        (trx) => updateDepartment(trx, actorOf(request).workspaceId, request.params.id, request.body),
        (d) => ({
          action: 'department.update',
          targetType: 'department',
          targetId: d.id,
          details: { changes: request.body },
        }),
      ),
  );

  app.delete(
    '/api/departments/:id',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'deleteDepartment',
        tags,
        summary: 'Delete an empty department',
        params: IdParams,
        response: { 204: NoContent, ...errors(...AUTH_ERRORS, 404, 409) },
      },
    },
    async (request, reply) => {
      await withAudit(
        db,
        request,
        (trx) => deleteDepartment(trx, actorOf(request).workspaceId, request.params.id),
        () => ({ action: 'department.delete', targetType: 'department', targetId: request.params.id }),
      );
      return reply.code(204).send(null);
    },
  );
};
