import type { Department, DepartmentNode } from '@forecourt/schemas/api';
import type { Selectable } from 'kysely';
import type { DepartmentKind, DepartmentsTable, Executor } from '../db/schema';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { newId } from '../ids';

export type DepartmentView = Department;

export type { DepartmentNode };

function departmentView(row: Selectable<DepartmentsTable>): DepartmentView {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    kind: row.kind,
    code: row.code,
    headUserId: row.head_user_id,
    sort: row.sort,
  };
}

export interface DepartmentInput {
  parentId?: string | null;
  name?: string;
  kind?: DepartmentKind;
  code?: string | null;
  headUserId?: string | null;
  sort?: number;
}

export async function listDepartments(db: Executor, workspaceId: string): Promise<DepartmentView[]> {
  const rows = await db
    .selectFrom('departments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('sort')
    .orderBy('name')
    .execute();
  return rows.map(departmentView);
}

/** The whole tree: roots (normally the group) with their children, in display order. */
export async function departmentTree(db: Executor, workspaceId: string): Promise<DepartmentNode[]> {
  const nodes = new Map<string, DepartmentNode>();
  for (const d of await listDepartments(db, workspaceId)) nodes.set(d.id, { ...d, children: [] });
  const roots: DepartmentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export async function getDepartment(db: Executor, workspaceId: string, id: string): Promise<DepartmentView> {
  const row = await db
    .selectFrom('departments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The department');
  return departmentView(row);
}

export async function createDepartment(
  db: Executor,
  workspaceId: string,
  input: DepartmentInput & { name: string; kind: DepartmentKind },
): Promise<DepartmentView> {
  await checkReferences(db, workspaceId, input);
  const row = await db
    .insertInto('departments')
    .values({
      id: newId('dep'),
      workspace_id: workspaceId,
      parent_id: input.parentId ?? null,
      name: input.name.trim(),
      kind: input.kind,
      code: input.code ?? null,
      head_user_id: input.headUserId ?? null,
      sort: input.sort ?? 0,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch(rethrowDuplicateCode);
  return departmentView(row);
}

export async function updateDepartment(
  db: Executor,
  workspaceId: string,
  id: string,
  input: DepartmentInput,
): Promise<DepartmentView> {
  await getDepartment(db, workspaceId, id);
  await checkReferences(db, workspaceId, input);
  if (input.parentId) await assertNotDescendant(db, workspaceId, id, input.parentId);
  const row = await db
    .updateTable('departments')
    .set({
      ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.code !== undefined ? { code: input.code } : {}),
      ...(input.headUserId !== undefined ? { head_user_id: input.headUserId } : {}),
      ...(input.sort !== undefined ? { sort: input.sort } : {}),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch(rethrowDuplicateCode);
  return departmentView(row);
}

/** Deletes an empty department; one with sub-departments or members must be emptied first. */
export async function deleteDepartment(db: Executor, workspaceId: string, id: string): Promise<void> {
  await getDepartment(db, workspaceId, id);
  const child = await db
    .selectFrom('departments')
    .select('id')
    .where('parent_id', '=', id)
    .executeTakeFirst();
  if (child) throw new ConflictError('This department still has sub-departments. Move or delete them first.');
  const member = await db
    .selectFrom('department_members')
    .select('user_id')
    .where('department_id', '=', id)
    .executeTakeFirst();
  if (member) throw new ConflictError('This department still has members. Move them first.');
  await db.deleteFrom('departments').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** Ancestors of a department, nearest first, the department itself included. */
export async function departmentPath(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<DepartmentView[]> {
  const all = new Map((await listDepartments(db, workspaceId)).map((d) => [d.id, d]));
  const path: DepartmentView[] = [];
  for (let d = all.get(id); d && path.length <= all.size; d = d.parentId ? all.get(d.parentId) : undefined) {
    path.push(d);
  }
  return path;
}

async function checkReferences(db: Executor, workspaceId: string, input: DepartmentInput): Promise<void> {
  if (input.parentId) {
    const parent = await db
      .selectFrom('departments')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', input.parentId)
      .executeTakeFirst();
    if (!parent)
      throw new ValidationError('Unknown parent.', [{ path: '/parentId', message: 'No such department.' }]);
  }
  if (input.headUserId) {
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', input.headUserId)
      .executeTakeFirst();
    if (!user)
      throw new ValidationError('Unknown head.', [{ path: '/headUserId', message: 'No such user.' }]);
  }
}

async function assertNotDescendant(
  db: Executor,
  workspaceId: string,
  id: string,
  newParentId: string,
): Promise<void> {
  const path = await departmentPath(db, workspaceId, newParentId);
  if (path.some((d) => d.id === id)) {
    throw new ValidationError('A department cannot move under itself.', [
      { path: '/parentId', message: 'This would make the tree a loop.' },
    ]);
  }
}

function rethrowDuplicateCode(error: unknown): never {
  if (error && typeof error === 'object' && 'code' in error && error.code === '23505') {
    throw new ConflictError('Another department has this code.', [
      { path: '/code', message: 'Codes are unique.' },
    ]);
  }
  throw error;
}
