import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ACTIONS,
  createPermissionSet,
  deletePermissionSet,
  listAppRoles,
  listPermissionSets,
  type PermissionSetChange,
  type PermissionSetInput,
  PRESETS,
  setAppRoles,
  updatePermissionSet,
} from '@forecourt/engine';
import { AppRoleAssignment, AppRoles, PermissionSet } from '@forecourt/schemas/api';
import { Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, body, errors, NoContent } from '../http/schemas';
import type { RouteDeps } from './deps';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const FormParams = Type.Object({ formId: Id }, { additionalProperties: false });
const SetParams = Type.Object({ setId: Id }, { additionalProperties: false });
const AppParams = Type.Object({ appId: Id }, { additionalProperties: false });

// Actions, presets and scope kinds are checked by the engine, which names each bad one (422).
const Actions = Type.Array(Type.String({ maxLength: 40 }), {
  maxItems: 20,
  description: `Allowed actions: ${ACTIONS.join(', ')}`,
});
const Preset = Type.Union([Type.String({ maxLength: 40 }), Type.Null()], {
  description: `The ready-made set it starts from: ${Object.keys(PRESETS).join(', ')}; null for a custom set`,
});
const FieldIds = Type.Union([Type.Array(Type.String({ maxLength: 64 }), { maxItems: 500 }), Type.Null()], {
  description: 'Field ids of the form; null: every field, including fields added later',
});
const Scope = Type.Object(
  {
    kind: Type.String({ maxLength: 20, description: 'own, department, subtree, all or filter' }),
    filter: Type.Optional(
      Type.Unknown({
        description:
          'For kind filter: a record query condition; isMe, inMyDepartment and inMySubtree stand for the user',
      }),
    ),
  },
  { additionalProperties: false, description: 'The records the set reaches' },
);
const Ids = Type.Array(Type.String({ maxLength: 64 }), { maxItems: 500 });
const AssigneesInput = Type.Object(
  { users: Type.Optional(Ids), departments: Type.Optional(Ids), roles: Type.Optional(Ids) },
  {
    additionalProperties: false,
    description: 'Who the set is for; a department includes the departments below it',
  },
);
const Name = Type.String({ minLength: 1, maxLength: 100 });

/**
 * Who may do what on each form (permission sets) and who administers each app (app roles). The
 * engine decides who may manage them: workspace admins, and for a form's sets its app's admins.
 */
export const permissionRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const tags = ['access'];

  app.get(
    '/api/forms/:formId/permission-sets',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'listPermissionSets',
        tags,
        summary: "A form's permission sets (workspace and app admins)",
        params: FormParams,
        response: {
          200: Type.Object({ permissionSets: Type.Array(PermissionSet) }),
          ...errors(...AUTH_ERRORS, 404),
        },
      },
    },
    async (request) => ({
      permissionSets: await listPermissionSets(db, actorOf(request), request.params.formId),
    }),
  );

  app.post(
    '/api/forms/:formId/permission-sets',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'createPermissionSet',
        tags,
        summary: 'Add a permission set to a form: from a preset or custom (workspace and app admins)',
        params: FormParams,
        body: body(
          {
            name: Name,
            preset: Type.Optional(Preset),
            actions: Type.Optional(Actions),
            readFields: Type.Optional(FieldIds),
            writeFields: Type.Optional(FieldIds),
            scope: Type.Optional(Scope),
            assignees: AssigneesInput,
          },
          'NewPermissionSet',
        ),
        response: { 201: PermissionSet, ...errors(...AUTH_ERRORS, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const input = request.body as PermissionSetInput;
      const set = await createPermissionSet(db, actorOf(request), request.params.formId, input);
      return reply.code(201).send(set);
    },
  );

  app.patch(
    '/api/permission-sets/:setId',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'updatePermissionSet',
        tags,
        summary: 'Change a permission set; given assignees replace the old ones',
        params: SetParams,
        body: body(
          {
            name: Type.Optional(Name),
            preset: Type.Optional(Preset),
            actions: Type.Optional(Actions),
            readFields: Type.Optional(FieldIds),
            writeFields: Type.Optional(FieldIds),
            scope: Type.Optional(Scope),
            assignees: Type.Optional(AssigneesInput),
          },
          'PermissionSetUpdate',
        ),
        response: { 200: PermissionSet, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request) =>
      updatePermissionSet(db, actorOf(request), request.params.setId, request.body as PermissionSetChange),
  );

  app.delete(
    '/api/permission-sets/:setId',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'deletePermissionSet',
        tags,
        summary: 'Delete a permission set: its people lose what it allowed at once',
        params: SetParams,
        response: { 204: NoContent, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request, reply) => {
      await deletePermissionSet(db, actorOf(request), request.params.setId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/apps/:appId/roles',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'listAppRoles',
        tags,
        summary: "An app's admins and members (workspace and app admins)",
        params: AppParams,
        response: { 200: AppRoles, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request) => ({ roles: await listAppRoles(db, actorOf(request), request.params.appId) }),
  );

  app.put(
    '/api/apps/:appId/roles',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'setAppRoles',
        tags,
        summary: "Replace an app's admins and members (workspace admins)",
        params: AppParams,
        body: body({ roles: Type.Array(AppRoleAssignment, { maxItems: 500 }) }, 'AppRoles'),
        response: { 200: AppRoles, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request) => ({
      roles: await setAppRoles(db, actorOf(request), request.params.appId, request.body.roles),
    }),
  );
};
