import type { AppRoleAssignment } from '@forecourt/schemas/api';
import { sql } from 'kysely';
import type { Actor } from '../accounts/actor';
import { audit } from '../audit/audit';
import type { Executor, SubjectType } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { type ErrorDetail, ForbiddenError, ValidationError } from '../errors';
import { getApp } from '../forms/apps';
import { assignedTo, buildPrincipal, type Principal } from './principal';

export type AppRole = 'admin' | 'member';

/** Who holds a role in an app (the API contract's shape). */
export type { AppRoleAssignment };

const SUBJECT_TYPES: readonly SubjectType[] = ['user', 'department', 'role'];
const APP_ROLES: readonly AppRole[] = ['admin', 'member'];
/** More than any real app has; a bound on one request's work. */
export const MAX_APP_ROLES = 500;

/** Ids of users, departments and roles: the people a permission set or an app role is given to. */
export interface Subjects {
  users: readonly string[];
  departments: readonly string[];
  roles: readonly string[];
}

/** Which of the given ids exist in the workspace (an id of another workspace does not). */
export async function existingSubjects(
  db: Executor,
  workspaceId: string,
  subjects: Subjects,
): Promise<{ users: Set<string>; departments: Set<string>; roles: Set<string> }> {
  const found = async (table: 'users' | 'departments' | 'roles', ids: readonly string[]) => {
    if (!ids.length) return new Set<string>();
    const rows = await db
      .selectFrom(table)
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return new Set(rows.map((r) => r.id));
  };
  return {
    users: await found('users', subjects.users),
    departments: await found('departments', subjects.departments),
    roles: await found('roles', subjects.roles),
  };
}

/** The app's roles. Workspace admins and the app's admins may read them. */
export async function listAppRoles(db: Executor, actor: Actor, appId: string): Promise<AppRoleAssignment[]> {
  await getApp(db, actor.workspaceId, appId); // another workspace's app is a 404
  if (actor.scopes || (!actor.isAdmin && (await appRoleOf(db, actor, appId)) !== 'admin'))
    throw new ForbiddenError('Only administrators of this app can see who holds its roles.');
  return readAppRoles(db, actor.workspaceId, appId);
}

/**
 * Replaces the app's roles with the given list. Only workspace admins may: an app admin handing
 * out app admin would be granting themselves company.
 */
export async function setAppRoles(
  db: Executor,
  actor: Actor,
  appId: string,
  roles: AppRoleAssignment[],
): Promise<AppRoleAssignment[]> {
  await getApp(db, actor.workspaceId, appId);
  if (!actor.isAdmin || actor.scopes)
    throw new ForbiddenError('Only workspace administrators can change app roles.');
  await assertValidRoles(db, actor.workspaceId, roles);
  return inTransaction(db, async (trx) => {
    const before = await readAppRoles(trx, actor.workspaceId, appId);
    await trx
      .deleteFrom('app_roles')
      .where('workspace_id', '=', actor.workspaceId)
      .where('app_id', '=', appId)
      .execute();
    if (roles.length) {
      await trx
        .insertInto('app_roles')
        .values(
          roles.map((r) => ({
            workspace_id: actor.workspaceId,
            app_id: appId,
            subject_type: r.subjectType,
            subject_id: r.subjectId,
            role: r.role,
          })),
        )
        .execute();
    }
    const after = await readAppRoles(trx, actor.workspaceId, appId);
    await audit(trx, actor, {
      action: 'app_roles.update',
      targetType: 'app',
      targetId: appId,
      details: { appId, before, after },
    });
    return after;
  });
}

/**
 * The apps a user may see in the app list: those where they hold an app role (themselves, through
 * a department they are in or one above it, or a role), and those with a form whose permission
 * set is assigned to them. Workspace admins see every app; an API token only its scoped apps.
 */
export async function appsVisibleTo(db: Executor, actor: Actor): Promise<string[]> {
  const ws = actor.workspaceId;
  let visible: string[];
  if (actor.isAdmin || actor.via === 'system') {
    const apps = await db.selectFrom('apps').select('id').where('workspace_id', '=', ws).execute();
    visible = apps.map((a) => a.id);
  } else {
    const principal = await loadPrincipal(db, actor);
    const roles = await db
      .selectFrom('app_roles')
      .select(['app_id', 'subject_type', 'subject_id'])
      .where('workspace_id', '=', ws)
      .execute();
    const sets = await db
      .selectFrom('permission_sets')
      .innerJoin('forms', 'forms.id', 'permission_sets.form_id')
      .select(['forms.app_id as app_id', 'permission_sets.assignees as assignees'])
      .where('permission_sets.workspace_id', '=', ws)
      .where('forms.workspace_id', '=', ws)
      .execute();
    const ids = new Set<string>();
    for (const r of roles) if (holds(principal, r.subject_type, r.subject_id)) ids.add(r.app_id);
    for (const s of sets) if (assignedTo(principal, s.assignees)) ids.add(s.app_id);
    visible = [...ids];
  }
  if (actor.scopes) {
    const scoped = new Set(actor.scopes.map((s) => s.appId));
    visible = visible.filter((id) => scoped.has(id));
  }
  return visible.sort();
}

/** The actor's own app role in an app: the strongest one any of their subjects holds. */
export async function appRoleOf(db: Executor, actor: Actor, appId: string): Promise<AppRole | null> {
  const rows = await db
    .selectFrom('app_roles')
    .select(['subject_type', 'subject_id', 'role'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('app_id', '=', appId)
    .execute();
  if (!rows.length) return null;
  const principal = await loadPrincipal(db, actor);
  let role: AppRole | null = null;
  for (const r of rows) {
    if (!holds(principal, r.subject_type, r.subject_id)) continue;
    if (r.role === 'admin' || role === null) role = r.role;
  }
  return role;
}

async function readAppRoles(db: Executor, workspaceId: string, appId: string): Promise<AppRoleAssignment[]> {
  const rows = await db
    .selectFrom('app_roles')
    .select(['subject_type', 'subject_id', 'role'])
    .where('workspace_id', '=', workspaceId)
    .where('app_id', '=', appId)
    .orderBy('subject_type')
    .orderBy('subject_id')
    .execute();
  return rows.map((r) => ({ subjectType: r.subject_type, subjectId: r.subject_id, role: r.role }));
}

async function assertValidRoles(
  db: Executor,
  workspaceId: string,
  roles: AppRoleAssignment[],
): Promise<void> {
  const issues: ErrorDetail[] = [];
  if (roles.length > MAX_APP_ROLES)
    issues.push({ path: '/roles', message: `An app has at most ${MAX_APP_ROLES} role assignments.` });
  const ids = (type: SubjectType) =>
    roles.filter((r) => r.subjectType === type).map((r) => String(r.subjectId));
  const existing = await existingSubjects(db, workspaceId, {
    users: ids('user'),
    departments: ids('department'),
    roles: ids('role'),
  });
  const byType = { user: existing.users, department: existing.departments, role: existing.roles };
  const seen = new Set<string>();
  roles.forEach((r, i) => {
    const path = `/roles/${i}`;
    if (!APP_ROLES.includes(r.role))
      issues.push({ path: `${path}/role`, message: 'must be admin or member' });
    if (!SUBJECT_TYPES.includes(r.subjectType)) {
      issues.push({ path: `${path}/subjectType`, message: 'must be user, department or role' });
      return;
    }
    if (!byType[r.subjectType].has(r.subjectId))
      issues.push({
        path: `${path}/subjectId`,
        message: `There is no ${r.subjectType} ${r.subjectId} here.`,
      });
    const key = `${r.subjectType}/${r.subjectId}`;
    if (seen.has(key)) issues.push({ path, message: `The ${r.subjectType} already has a role in this app.` });
    seen.add(key);
  });
  if (issues.length) throw new ValidationError('The app roles are not valid.', issues);
}

function holds(principal: Principal, type: SubjectType, id: string): boolean {
  return assignedTo(principal, {
    users: type === 'user' ? [id] : [],
    departments: type === 'department' ? [id] : [],
    roles: type === 'role' ? [id] : [],
  });
}

interface PrincipalRow {
  departments: string[] | null;
  roles: string[] | null;
  tree: [string, string | null][] | null;
}

/** The actor's departments (with those above them) and roles, in one round trip. */
async function loadPrincipal(db: Executor, actor: Actor): Promise<Principal> {
  const ws = actor.workspaceId;
  const { rows } = await sql<PrincipalRow>`select
    (select json_agg(department_id) from department_members where workspace_id = ${ws} and user_id = ${actor.userId}) as departments,
    (select json_agg(role_id) from role_members where workspace_id = ${ws} and user_id = ${actor.userId}) as roles,
    (select json_agg(json_build_array(id, parent_id)) from departments where workspace_id = ${ws}) as tree`.execute(
    db,
  );
  const row = rows[0]!;
  return buildPrincipal(actor.userId, row.departments ?? [], row.roles ?? [], row.tree ?? []);
}
