import { sql } from 'kysely';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import type { Assignees, PermissionSet } from './types';

/** Who the actor is in the organisation, as access control needs it; loaded once per request and form. */
export interface Principal {
  userId: string;
  /** Departments the user is a member of. */
  departments: string[];
  /** Those departments and every department above them: a set assigned to any of these applies. */
  withAncestors: ReadonlySet<string>;
  /** Those departments and every department below them: the "subtree" row scope. */
  subtree: string[];
  roles: ReadonlySet<string>;
}

interface Loaded {
  /** The form's published version, null if it was never published. */
  version: number | null;
  appId: string;
  principal: Principal;
  appRole: 'admin' | 'member' | null;
  sets: PermissionSet[];
}

interface Row {
  published_version: number | null;
  app_id: string;
  departments: string[] | null;
  roles: string[] | null;
  tree: [string, string | null][] | null;
  app_roles: ['user' | 'department' | 'role', string, 'admin' | 'member'][] | null;
  sets: Record<string, unknown>[] | null;
}

/**
 * The form's published version and app, the actor's departments and roles, the department tree,
 * the app roles of the form's app and the form's permission sets: one round trip, the one a request
 * by an admin spends on the form alone, so that permission checks add no query. Null without the form.
 */
export async function loadAccess(db: Executor, actor: Actor, formId: string): Promise<Loaded | null> {
  const ws = actor.workspaceId;
  const { rows } = await sql<Row>`select f.published_version, f.app_id,
    (select json_agg(department_id) from department_members where workspace_id = ${ws} and user_id = ${actor.userId}) as departments,
    (select json_agg(role_id) from role_members where workspace_id = ${ws} and user_id = ${actor.userId}) as roles,
    (select json_agg(json_build_array(id, parent_id)) from departments where workspace_id = ${ws}) as tree,
    (select json_agg(json_build_array(subject_type, subject_id, role)) from app_roles r where r.workspace_id = ${ws} and r.app_id = f.app_id) as app_roles,
    (select json_agg(p order by p.created_at, p.id) from permission_sets p where p.workspace_id = ${ws} and p.form_id = f.id) as sets
    from forms f where f.workspace_id = ${ws} and f.id = ${formId} and f.deleted_at is null`.execute(db);
  const row = rows[0];
  if (!row) return null;
  const principal = buildPrincipal(actor.userId, row.departments ?? [], row.roles ?? [], row.tree ?? []);
  let appRole: Loaded['appRole'] = null;
  for (const [type, id, role] of row.app_roles ?? []) {
    if (!matches(principal, type, id)) continue;
    if (role === 'admin' || appRole === null) appRole = role;
  }
  const sets = (row.sets ?? []).map(permissionSet).filter((s) => assignedTo(principal, s.assignees));
  return { version: row.published_version, appId: row.app_id, principal, appRole, sets };
}

export function buildPrincipal(
  userId: string,
  departments: string[],
  roles: string[],
  tree: [string, string | null][],
): Principal {
  const parentOf = new Map(tree);
  const children = new Map<string, string[]>();
  for (const [id, parent] of tree) {
    if (parent) children.set(parent, [...(children.get(parent) ?? []), id]);
  }
  const withAncestors = new Set<string>();
  for (let id of departments) {
    // The tree cannot hold a cycle (moves under oneself are refused); the bound is a second guard.
    for (let hops = 0; id && hops < 64 && !withAncestors.has(id); hops++) {
      withAncestors.add(id);
      id = parentOf.get(id) ?? '';
    }
  }
  const subtree = new Set<string>();
  const stack = [...departments];
  while (stack.length) {
    const id = stack.pop()!;
    if (subtree.has(id)) continue;
    subtree.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return { userId, departments, withAncestors, subtree: [...subtree], roles: new Set(roles) };
}

function matches(principal: Principal, type: 'user' | 'department' | 'role', id: string): boolean {
  if (type === 'user') return id === principal.userId;
  if (type === 'department') return principal.withAncestors.has(id);
  return principal.roles.has(id);
}

export function assignedTo(principal: Principal, assignees: Assignees): boolean {
  return (
    assignees.users.includes(principal.userId) ||
    assignees.departments.some((d) => principal.withAncestors.has(d)) ||
    assignees.roles.some((r) => principal.roles.has(r))
  );
}

/** A stored row (snake_case, from json_agg or kysely) as the API's shape. */
export function permissionSet(row: Record<string, unknown>): PermissionSet {
  const at = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
  return {
    id: String(row.id),
    formId: String(row.form_id),
    name: String(row.name),
    preset: (row.preset as PermissionSet['preset']) ?? null,
    actions: row.actions as PermissionSet['actions'],
    readFields: (row.read_fields as string[] | null) ?? null,
    writeFields: (row.write_fields as string[] | null) ?? null,
    scope: row.scope as PermissionSet['scope'],
    assignees: row.assignees as Assignees,
    createdAt: at(row.created_at),
    updatedAt: at(row.updated_at),
  };
}
