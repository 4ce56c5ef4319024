import { type Static, Type } from 'typebox';
import { DateTime, Nullable } from './common';

/** An account as the API shows it: never the password hash. */
export const User = Type.Object(
  {
    id: Type.String(),
    workspaceId: Type.String(),
    email: Type.String(),
    name: Type.String(),
    isAdmin: Type.Boolean(),
    status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
    createdAt: DateTime(),
  },
  { title: 'User' },
);
export type User = Static<typeof User>;

export const UserMembership = Type.Object({ departmentId: Type.String(), isPrimary: Type.Boolean() });

/** A user with their departments (primary first) and roles: `GET /api/users/:id` and the writes on it. */
export const UserDetail = Type.Object({
  user: User,
  departments: Type.Array(UserMembership),
  roleIds: Type.Array(Type.String()),
});
export type UserDetail = Static<typeof UserDetail>;

/** `GET /api/me`. */
export const Me = Type.Object({
  ...UserDetail.properties,
  csrfToken: Type.Optional(
    Type.String({ description: 'Send as the x-csrf-token header on every cookie-authenticated write' }),
  ),
});
export type Me = Static<typeof Me>;

/** `POST /api/auth/login`. */
export const LoggedIn = Type.Object({ user: User, csrfToken: Type.String() });
export type LoggedIn = Static<typeof LoggedIn>;

/** `GET /api/users/:id/managers`: supervisors, nearest first. */
export const Managers = Type.Object({
  managers: Type.Array(
    Type.Object({ level: Type.Integer(), userId: Type.String(), departmentId: Type.String() }),
  ),
});
export type Managers = Static<typeof Managers>;

export const TokenScope = Type.Object(
  {
    appId: Type.String({ minLength: 1, maxLength: 64 }),
    access: Type.Union([Type.Literal('read'), Type.Literal('write')], {
      description: 'read: view, export and print records; write: whatever the user may do in the app',
    }),
  },
  { additionalProperties: false },
);
export type TokenScope = Static<typeof TokenScope>;

/** One of my API tokens (never its secret). */
export const ApiToken = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    prefix: Type.String({ description: 'The first characters of the secret, to tell tokens apart' }),
    createdAt: DateTime(),
    expiresAt: Nullable(DateTime()),
    revokedAt: Nullable(DateTime()),
    lastUsedAt: Nullable(DateTime()),
    scopes: Nullable(Type.Array(TokenScope), {
      description: 'The apps it may reach; null: everything its user may do',
    }),
  },
  { title: 'ApiToken' },
);
export type ApiToken = Static<typeof ApiToken>;

/** `POST /api/tokens`: the secret, shown this once, and the token. */
export const NewApiTokenAnswer = Type.Object({
  token: Type.String({ description: 'The secret: store it now, it is never shown again' }),
  apiToken: ApiToken,
});
export type NewApiTokenAnswer = Static<typeof NewApiTokenAnswer>;

export const Workspace = Type.Object({ id: Type.String(), name: Type.String() }, { title: 'Workspace' });
export type Workspace = Static<typeof Workspace>;
