import { type Static, Type } from 'typebox';
import { PERMISSION_ACTIONS, SCOPE_KINDS } from './access-names';
import { DateTime, Nullable } from './common';

/** A form's permission set: actions × fields × rows, for the people it is assigned to. */
export const PermissionSet = Type.Object(
  {
    id: Type.String(),
    formId: Type.String(),
    name: Type.String(),
    preset: Nullable(Type.String(), { description: 'The ready-made set it started from; null: custom' }),
    actions: Type.Array(Type.Enum(PERMISSION_ACTIONS)),
    readFields: Nullable(Type.Array(Type.String()), {
      description: 'Field ids the set shows; null: every field, including fields added later',
    }),
    writeFields: Nullable(Type.Array(Type.String()), {
      description: 'Field ids the set lets people fill or change; always within readFields',
    }),
    scope: Type.Object({
      kind: Type.Enum(SCOPE_KINDS),
      filter: Type.Optional(Type.Unknown({ description: 'For kind filter: a record query condition' })),
    }),
    assignees: Type.Object({
      users: Type.Array(Type.String()),
      departments: Type.Array(Type.String(), { description: 'Each includes the departments below it' }),
      roles: Type.Array(Type.String()),
    }),
    createdAt: DateTime(),
    updatedAt: DateTime(),
  },
  { title: 'PermissionSet' },
);
export type PermissionSet = Static<typeof PermissionSet>;

/** Who holds a role in an app: one user, everyone in a department (and below it), or everyone holding a role. */
export const AppRoleAssignment = Type.Object(
  {
    subjectType: Type.Union([Type.Literal('user'), Type.Literal('department'), Type.Literal('role')]),
    subjectId: Type.String({ minLength: 1, maxLength: 64 }),
    role: Type.Union([Type.Literal('admin'), Type.Literal('member')]),
  },
  { additionalProperties: false },
);
export type AppRoleAssignment = Static<typeof AppRoleAssignment>;

/** `GET`/`PUT /api/apps/:appId/roles`: an app's admins and members. */
export const AppRoles = Type.Object({ roles: Type.Array(AppRoleAssignment) });
export type AppRoles = Static<typeof AppRoles>;
