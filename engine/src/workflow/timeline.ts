import type { Label } from '@forecourt/schemas';
import { formAccess } from '../access/form-access';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { type DomainError, ForbiddenError, NotFoundError } from '../errors';
import { flowVersion } from './definitions';
import { assertPersonal } from './load';

export interface TimelineEntry {
  at: string;
  action: string;
  nodeId: string | null;
  nodeLabel: Label | null;
  taskId: string | null;
  actor: { id: string; name: string } | null;
  comment: string | null;
  details: Record<string, unknown>;
}

/**
 * The instance's timeline: every node, actor, action, comment and time. For those in it (the
 * submitter, anyone who has or had a task), admins, and whoever may view the record.
 */
export async function timeline(
  db: Executor,
  actor: Actor,
  instanceId: string,
): Promise<{
  instance: { id: string; status: string; formId: string; recordId: string; version: number };
  entries: TimelineEntry[];
}> {
  assertPersonal(actor);
  const instance = await db
    .selectFrom('flow_instances')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', instanceId)
    .executeTakeFirst();
  if (!instance) throw new NotFoundError('The approval');
  if (!(await mayFollow(db, actor, instance))) throw new NotFoundError('The approval');
  const { definition: flow } = await flowVersion(
    db,
    actor.workspaceId,
    instance.workflow_id,
    instance.version,
  );
  const rows = await db
    .selectFrom('flow_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.at', 'e.action', 'e.node_id', 'e.task_id', 'e.actor_id', 'u.name', 'e.comment', 'e.details'])
    .where('e.instance_id', '=', instanceId)
    .orderBy('e.id')
    .execute();
  return {
    instance: {
      id: instance.id,
      status: instance.status,
      formId: instance.form_id,
      recordId: instance.record_id,
      version: instance.version,
    },
    entries: rows.map((r) => ({
      at: r.at.toISOString(),
      action: r.action,
      nodeId: r.node_id,
      nodeLabel: flow.nodes.find((n) => n.id === r.node_id)?.label ?? null,
      taskId: r.task_id,
      actor: r.actor_id ? { id: r.actor_id, name: r.name ?? '' } : null,
      comment: r.comment,
      details: r.details,
    })),
  };
}

/**
 * The answer to someone refused an action on an instance: 403 with the reason to whoever may follow
 * it, "not found" to anyone else, exactly like an id that does not exist (an id reveals nothing).
 */
export async function refusal(
  db: Executor,
  actor: Actor,
  instanceId: string,
  reason: string,
): Promise<DomainError> {
  const instance = await db
    .selectFrom('flow_instances')
    .select(['id', 'submitter_id', 'form_id', 'record_id'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', instanceId)
    .executeTakeFirst();
  if (instance && (await mayFollow(db, actor, instance))) return new ForbiddenError(reason);
  return new NotFoundError('The approval');
}

async function mayFollow(
  db: Executor,
  actor: Actor,
  instance: { id: string; submitter_id: string | null; form_id: string; record_id: string },
): Promise<boolean> {
  if ((actor.isAdmin && !actor.scopes) || instance.submitter_id === actor.userId) return true;
  const task = await db
    .selectFrom('flow_tasks')
    .select('id')
    .where('instance_id', '=', instance.id)
    .where('assignee_id', '=', actor.userId)
    .executeTakeFirst();
  if (task) return true;
  const access = await formAccess(db, actor, instance.form_id).catch(() => null);
  if (!access?.can('view')) return false;
  const row = await db
    .selectFrom('records')
    .select(access.flags().as('_access'))
    .where('id', '=', instance.record_id)
    .executeTakeFirst();
  return !!row && access.reaches(row._access, 'view');
}
