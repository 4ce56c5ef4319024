import type { Role } from '@forecourt/schemas/api';
import type { Selectable } from 'kysely';
import type { Executor, RolesTable } from '../db/schema';
import { ConflictError, NotFoundError } from '../errors';
import { newId } from '../ids';

export type RoleView = Role;

function roleView(row: Selectable<RolesTable>): RoleView {
  return { id: row.id, code: row.code, name: row.name, description: row.description };
}

export async function listRoles(db: Executor, workspaceId: string): Promise<RoleView[]> {
  const rows = await db
    .selectFrom('roles')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('name')
    .execute();
  return rows.map(roleView);
}

export async function getRole(db: Executor, workspaceId: string, id: string): Promise<RoleView> {
  const row = await db
    .selectFrom('roles')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The role');
  return roleView(row);
}

export async function createRole(
  db: Executor,
  workspaceId: string,
  input: { code: string; name: string; description?: string },
): Promise<RoleView> {
  const row = await db
    .insertInto('roles')
    .values({
      id: newId('rol'),
      workspace_id: workspaceId,
      code: input.code,
      name: input.name.trim(),
      description: input.description ?? '',
    })
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch(rethrowDuplicateCode);
  return roleView(row);
}

export async function updateRole(
  db: Executor,
  workspaceId: string,
  id: string,
  input: { code?: string; name?: string; description?: string },
): Promise<RoleView> {
  const row = await db
    .updateTable('roles')
    .set({
      ...(input.code !== undefined ? { code: input.code } : {}),
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
    .catch(rethrowDuplicateCode);
  if (!row) throw new NotFoundError('The role');
  return roleView(row);
}

export async function deleteRole(db: Executor, workspaceId: string, id: string): Promise<void> {
  const result = await db
    .deleteFrom('roles')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (result.numDeletedRows === 0n) throw new NotFoundError('The role');
}

function rethrowDuplicateCode(error: unknown): never {
  if (error && typeof error === 'object' && 'code' in error && error.code === '23505') {
    throw new ConflictError('Another role has this code.', [
      { path: '/code', message: 'Role codes are unique.' },
    ]);
  }
  throw error;
}
