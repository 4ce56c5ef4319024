import type { User } from '../../api/types';

/** `GET /api/memberships`: every user's departments and roles (admins). */
export interface Memberships {
  departments: { userId: string; departmentId: string; isPrimary: boolean }[];
  roles: { userId: string; roleId: string }[];
}

/** A row of the users table: the account with its departments (primary first) and roles. */
export interface UserRow extends User {
  departmentIds: string[];
  roleIds: string[];
}

export function userRows(users: User[], memberships: Memberships): UserRow[] {
  const departments = new Map<string, string[]>();
  for (const m of memberships.departments) {
    const list = departments.get(m.userId) ?? [];
    if (m.isPrimary) list.unshift(m.departmentId);
    else list.push(m.departmentId);
    departments.set(m.userId, list);
  }
  const roles = new Map<string, string[]>();
  for (const m of memberships.roles) roles.set(m.userId, [...(roles.get(m.userId) ?? []), m.roleId]);
  return users.map((user) => ({
    ...user,
    departmentIds: departments.get(user.id) ?? [],
    roleIds: roles.get(user.id) ?? [],
  }));
}
