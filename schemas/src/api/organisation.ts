import { type Static, Type } from 'typebox';
import { IdName, Nullable } from './common';

export const DepartmentKind = Type.Union([
  Type.Literal('group'),
  Type.Literal('store'),
  Type.Literal('department'),
]);
export type DepartmentKind = Static<typeof DepartmentKind>;

const departmentFields = {
  id: Type.String(),
  parentId: Nullable(Type.String()),
  name: Type.String(),
  kind: DepartmentKind,
  code: Nullable(Type.String()),
  headUserId: Nullable(Type.String()),
  sort: Type.Integer(),
};
export const Department = Type.Object(departmentFields, { title: 'Department' });
export type Department = Static<typeof Department>;

/** `GET /api/departments`: the tree, group → stores → departments. */
export interface DepartmentNode extends Department {
  children: DepartmentNode[];
}
// A recursive shape: its children refer to the named component (the server registers it by this title).
export const DepartmentNode = Type.Unsafe<DepartmentNode>(
  Type.Object(
    { ...departmentFields, children: Type.Array(Type.Ref('DepartmentNode')) },
    { title: 'DepartmentNode' },
  ),
);

export const Role = Type.Object(
  { id: Type.String(), code: Type.String(), name: Type.String(), description: Type.String() },
  { title: 'Role' },
);
export type Role = Static<typeof Role>;

/** `GET /api/memberships`: every department and role membership of the workspace (admins). */
export const Memberships = Type.Object({
  departments: Type.Array(
    Type.Object({ userId: Type.String(), departmentId: Type.String(), isPrimary: Type.Boolean() }),
  ),
  roles: Type.Array(Type.Object({ userId: Type.String(), roleId: Type.String() })),
});
export type Memberships = Static<typeof Memberships>;

/** `GET /api/directory/users`: what any colleague may know of a person (no email, no admin details). */
export const DirectoryUser = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    active: Type.Boolean({ description: 'False for a disabled account (only answered when asked by id)' }),
    departments: Type.Array(IdName, { description: 'The primary department first' }),
  },
  { title: 'DirectoryUser' },
);
export type DirectoryUser = Static<typeof DirectoryUser>;

/** `GET /api/directory/departments`: a flat list; the tree comes from `parentId`. */
export const DirectoryDepartment = Type.Object({
  id: Type.String(),
  name: Type.String(),
  parentId: Nullable(Type.String()),
});
export type DirectoryDepartment = Static<typeof DirectoryDepartment>;

export const DirectoryRole = IdName;
export type DirectoryRole = Static<typeof DirectoryRole>;
