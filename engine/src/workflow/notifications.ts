import type { Notification } from '@forecourt/schemas/api';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { assertPersonal } from './load';

/** An in-app notification, as the API shows it. */
export type NotificationView = Notification;

/** The user's notifications, newest first; `after` gives only those newer than an id (the live stream). */
export async function listNotifications(
  db: Executor,
  actor: Actor,
  options: { unread?: boolean; before?: string; after?: string; limit?: number } = {},
): Promise<NotificationView[]> {
  assertPersonal(actor);
  let query = db
    .selectFrom('notifications')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('user_id', '=', actor.userId);
  if (options.unread) query = query.where('read_at', 'is', null);
  if (options.before) query = query.where('id', '<', options.before);
  if (options.after) query = query.where('id', '>', options.after);
  const rows = await query
    .orderBy('id', options.after ? 'asc' : 'desc')
    .limit(Math.min(Math.max(options.limit ?? 50, 1), 200))
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    kind: r.kind,
    instanceId: r.instance_id,
    taskId: r.task_id,
    details: r.details,
    read: r.read_at !== null,
    createdAt: r.created_at.toISOString(),
  }));
}

/** Marks some (or all) of the user's notifications read; answers how many changed. */
export async function markNotificationsRead(
  db: Executor,
  actor: Actor,
  ids: string[] | 'all',
): Promise<number> {
  assertPersonal(actor);
  let query = db
    .updateTable('notifications')
    .set({ read_at: new Date() })
    .where('workspace_id', '=', actor.workspaceId)
    .where('user_id', '=', actor.userId)
    .where('read_at', 'is', null);
  if (ids !== 'all') query = query.where('id', 'in', ids.length ? ids : ['0']);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The newest notification id of the user, where a live stream starts. */
export async function latestNotificationId(db: Executor, actor: Actor): Promise<string> {
  assertPersonal(actor);
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('workspace_id', '=', actor.workspaceId)
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  return String(row?.id ?? '0');
}
