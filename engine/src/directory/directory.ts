import type { DirectoryDepartment, DirectoryRole, DirectoryUser } from '@forecourt/schemas/api';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { ForbiddenError, ValidationError } from '../errors';

/**
 * The workspace's directory: what any colleague may know about a person, a department or a role, so
 * that people pickers and names of stored ids work for everyone, not only for admins. A person is a
 * name and their departments; email, admin rights, login state and roles stay on the admin routes.
 */
export type { DirectoryDepartment, DirectoryRole, DirectoryUser };

export interface DirectoryUserQuery {
  /** Part of the name or the email, any case. */
  q?: string;
  /** Exactly these users, disabled ones included. */
  ids?: readonly string[];
  /** 1..50, 20 when absent; ignored with `ids` (every known id is answered). */
  limit?: number;
}

export const MAX_DIRECTORY_PAGE = 50;
export const MAX_DIRECTORY_IDS = 100;

/** People are colleagues' business: a token limited to app data does not reach them. */
function assertPeopleReader(actor: Actor): void {
  if (actor.scopes) throw new ForbiddenError('This API token is limited to app data.');
}

/**
 * Active users whose name or email contains `q` (all active users when empty), ordered by name; or,
 * with `ids`, exactly those users of the workspace in the order given (unknown ids are left out).
 */
export async function directoryUsers(
  db: Executor,
  actor: Actor,
  query: DirectoryUserQuery = {},
): Promise<DirectoryUser[]> {
  assertPeopleReader(actor);
  const limit = query.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DIRECTORY_PAGE) {
    throw invalid('/limit', `Ask for 1 to ${MAX_DIRECTORY_PAGE} users.`);
  }
  const ids = query.ids ? [...new Set(query.ids.map((id) => id.trim()).filter(Boolean))] : undefined;
  if (ids && ids.length > MAX_DIRECTORY_IDS) throw invalid('/ids', `Give at most ${MAX_DIRECTORY_IDS} ids.`);
  if (ids?.length === 0) return [];
  const text = query.q?.trim() ?? '';

  let select = db
    .selectFrom('users')
    .select(['id', 'name', 'status'])
    .where('workspace_id', '=', actor.workspaceId);
  if (ids) select = select.where('id', 'in', ids);
  else select = select.where('status', '=', 'active');
  if (text) {
    // Colleagues find each other by name, or by a whole e-mail address they already know: matching parts
    // of addresses would let anyone spell out another's address letter by letter.
    const pattern = `%${escapeLike(text)}%`;
    select = select.where((eb) =>
      eb.or([
        eb('name', 'ilike', pattern),
        actor.isAdmin
          ? eb('email', 'ilike', pattern)
          : eb(eb.fn('lower', ['email']), '=', text.toLowerCase()),
      ]),
    );
  }
  const rows = await select
    .orderBy('name')
    .orderBy('id')
    .limit(ids ? ids.length : limit)
    .execute();
  const departments = await departmentsOf(
    db,
    actor.workspaceId,
    rows.map((r) => r.id),
  );
  const users = rows.map((row) => ({
    id: row.id,
    name: row.name,
    active: row.status === 'active',
    departments: departments.get(row.id) ?? [],
  }));
  if (!ids) return users;
  const order = new Map(ids.map((id, index) => [id, index]));
  return users.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

async function departmentsOf(
  db: Executor,
  workspaceId: string,
  userIds: string[],
): Promise<Map<string, { id: string; name: string }[]>> {
  const byUser = new Map<string, { id: string; name: string }[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .selectFrom('department_members as m')
    .innerJoin('departments as d', (join) =>
      join.onRef('d.id', '=', 'm.department_id').onRef('d.workspace_id', '=', 'm.workspace_id'),
    )
    .select(['m.user_id', 'd.id', 'd.name'])
    .where('m.workspace_id', '=', workspaceId)
    .where('m.user_id', 'in', userIds)
    .orderBy('m.user_id')
    .orderBy('m.is_primary', 'desc')
    .orderBy('d.sort')
    .orderBy('d.name')
    .execute();
  for (const row of rows) {
    const list = byUser.get(row.user_id) ?? [];
    list.push({ id: row.id, name: row.name });
    byUser.set(row.user_id, list);
  }
  return byUser;
}

/** Every department, parents before their children is not promised: build the tree from `parentId`. */
export async function directoryDepartments(db: Executor, actor: Actor): Promise<DirectoryDepartment[]> {
  assertPeopleReader(actor);
  const rows = await db
    .selectFrom('departments')
    .select(['id', 'name', 'parent_id'])
    .where('workspace_id', '=', actor.workspaceId)
    .orderBy('sort')
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id }));
}

export async function directoryRoles(db: Executor, actor: Actor): Promise<DirectoryRole[]> {
  assertPeopleReader(actor);
  const rows = await db
    .selectFrom('roles')
    .select(['id', 'name'])
    .where('workspace_id', '=', actor.workspaceId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name }));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError('The directory query is not valid.', [{ path, message }]);
}
