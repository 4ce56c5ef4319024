import type { Label } from '@forecourt/schemas';
import type { App } from '@forecourt/schemas/api';
import type { Selectable } from 'kysely';
import type { Actor } from '../accounts/actor';
import type { AppsTable, Executor } from '../db/schema';
import { NotFoundError } from '../errors';
import { newId } from '../ids';

export type AppView = App;

function appView(row: Selectable<AppsTable>): AppView {
  return { id: row.id, name: row.name, icon: row.icon, sort: row.sort };
}

export async function listApps(db: Executor, workspaceId: string): Promise<AppView[]> {
  const rows = await db
    .selectFrom('apps')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('sort')
    .orderBy('created_at')
    .execute();
  return rows.map(appView);
}

export async function getApp(db: Executor, workspaceId: string, appId: string): Promise<AppView> {
  const row = await db
    .selectFrom('apps')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', appId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The app');
  return appView(row);
}

export async function createApp(
  db: Executor,
  actor: Actor,
  input: { id?: string; name: Label; icon?: string; sort?: number },
): Promise<AppView> {
  const row = await db
    .insertInto('apps')
    .values({
      id: input.id ?? newId('app'),
      workspace_id: actor.workspaceId,
      name: JSON.stringify(input.name),
      icon: input.icon ?? null,
      sort: input.sort ?? 0,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return appView(row);
}

export async function updateApp(
  db: Executor,
  actor: Actor,
  appId: string,
  input: { name?: Label; icon?: string | null; sort?: number },
): Promise<AppView> {
  const row = await db
    .updateTable('apps')
    .set({
      ...(input.name ? { name: JSON.stringify(input.name) } : {}),
      ...(input.icon !== undefined ? { icon: input.icon } : {}),
      ...(input.sort !== undefined ? { sort: input.sort } : {}),
      updated_at: new Date(),
    })
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', appId)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The app');
  return appView(row);
}
