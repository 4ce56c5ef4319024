import type { Memberships } from '@forecourt/schemas/api';
import type { Executor } from '../db/schema';

/** Every department and role membership of the workspace: the admin console's user table in one read. */
export type { Memberships };

/** For workspace admins only (the route says so): roles are not a colleague's business. */
export async function workspaceMemberships(db: Executor, workspaceId: string): Promise<Memberships> {
  const departments = await db
    .selectFrom('department_members')
    .select(['user_id', 'department_id', 'is_primary'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('user_id')
    .orderBy('is_primary', 'desc')
    .orderBy('department_id')
    .execute();
  const roles = await db
    .selectFrom('role_members')
    .select(['user_id', 'role_id'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('user_id')
    .orderBy('role_id')
    .execute();
  return {
    departments: departments.map((d) => ({
      userId: d.user_id,
      departmentId: d.department_id,
      isPrimary: d.is_primary,
    })),
    roles: roles.map((r) => ({ userId: r.user_id, roleId: r.role_id })),
  };
}
