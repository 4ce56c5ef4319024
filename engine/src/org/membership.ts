import type { Executor } from '../db/schema';
import { NotFoundError, ValidationError } from '../errors';
import { departmentPath } from './departments';

export interface DepartmentMembership {
  departmentId: string;
  isPrimary: boolean;
}

export interface UserOrg {
  departments: DepartmentMembership[];
  roleIds: string[];
}

export async function userOrg(db: Executor, workspaceId: string, userId: string): Promise<UserOrg> {
  await assertUser(db, workspaceId, userId);
  const departments = await db
    .selectFrom('department_members')
    .select(['department_id', 'is_primary'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .orderBy('is_primary', 'desc')
    .orderBy('department_id')
    .execute();
  const roles = await db
    .selectFrom('role_members')
    .select('role_id')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .orderBy('role_id')
    .execute();
  return {
    departments: departments.map((d) => ({ departmentId: d.department_id, isPrimary: d.is_primary })),
    roleIds: roles.map((r) => r.role_id),
  };
}

/**
 * Replaces the user's departments. Exactly one is primary: the one flagged, else the first.
 * Run inside a transaction so that the user is never seen without departments.
 */
export async function setUserDepartments(
  db: Executor,
  workspaceId: string,
  userId: string,
  memberships: DepartmentMembership[],
): Promise<void> {
  await assertUser(db, workspaceId, userId);
  const ids = memberships.map((m) => m.departmentId);
  if (new Set(ids).size !== ids.length) {
    throw new ValidationError('A department is listed twice.', [
      { path: '/departments', message: 'List each once.' },
    ]);
  }
  if (memberships.filter((m) => m.isPrimary).length > 1) {
    throw new ValidationError('Only one department can be primary.', [
      { path: '/departments', message: 'Mark one department as primary.' },
    ]);
  }
  await assertAllExist(db, 'departments', workspaceId, ids, '/departments');
  const primary = memberships.find((m) => m.isPrimary)?.departmentId ?? ids[0];
  await db
    .deleteFrom('department_members')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
  if (ids.length === 0) return;
  await db
    .insertInto('department_members')
    .values(
      ids.map((departmentId) => ({
        workspace_id: workspaceId,
        department_id: departmentId,
        user_id: userId,
        is_primary: departmentId === primary,
      })),
    )
    .execute();
}

export async function setUserRoles(
  db: Executor,
  workspaceId: string,
  userId: string,
  roleIds: string[],
): Promise<void> {
  await assertUser(db, workspaceId, userId);
  const unique = [...new Set(roleIds)];
  await assertAllExist(db, 'roles', workspaceId, unique, '/roleIds');
  await db
    .deleteFrom('role_members')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
  if (unique.length === 0) return;
  await db
    .insertInto('role_members')
    .values(unique.map((roleId) => ({ workspace_id: workspaceId, role_id: roleId, user_id: userId })))
    .execute();
}

export interface ManagerLevel {
  /** 1 is the direct supervisor, 2 the supervisor's supervisor, and so on. */
  level: number;
  userId: string;
  departmentId: string;
}

/**
 * The user's supervisors, nearest first: the head of their primary department, then the head of
 * each ancestor up to the group. A department the user heads themself, or one without a head, is
 * passed over, so a store manager's first level is the group's head. Workflow "department head"
 * and "level-by-level" approvers read this.
 */
export async function managerChain(
  db: Executor,
  workspaceId: string,
  userId: string,
): Promise<ManagerLevel[]> {
  const primary = (await userOrg(db, workspaceId, userId)).departments.find((d) => d.isPrimary);
  if (!primary) return [];
  const chain: ManagerLevel[] = [];
  const seen = new Set([userId]);
  for (const department of await departmentPath(db, workspaceId, primary.departmentId)) {
    const head = department.headUserId;
    if (!head || seen.has(head)) continue;
    seen.add(head);
    chain.push({ level: chain.length + 1, userId: head, departmentId: department.id });
  }
  return chain;
}

async function assertUser(db: Executor, workspaceId: string, userId: string): Promise<void> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The user');
}

async function assertAllExist(
  db: Executor,
  table: 'departments' | 'roles',
  workspaceId: string,
  ids: string[],
  path: string,
): Promise<void> {
  if (ids.length === 0) return;
  const found = new Set(
    (
      await db
        .selectFrom(table)
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', ids)
        .execute()
    ).map((r) => r.id),
  );
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) {
    throw new ValidationError(`Unknown ${table === 'roles' ? 'role' : 'department'}.`, [
      {
        path: `${path}/${missing}`,
        message: `No such ${table === 'roles' ? 'role' : 'department'}: ${ids[missing]}.`,
      },
    ]);
  }
}
