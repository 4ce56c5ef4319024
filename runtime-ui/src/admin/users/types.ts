import type { Memberships } from '@forecourt/schemas/api';
import type { User } from '../../api/types';

export type { Memberships };

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
