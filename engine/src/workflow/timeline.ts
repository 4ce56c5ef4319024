import type { Timeline, TimelineEntry, TimelineFailure } from '@forecourt/schemas/api';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { NotFoundError } from '../errors';
import { flowVersion } from './definitions';
import { assertPersonal } from './load';
import { failedAction, mayResolve } from './nodes/action/failure';
import { mayFollow } from './refusal';

/** An automatic action that failed for good and waits for an admin to retry or skip it. */
export type { TimelineEntry, TimelineFailure };

/**
 * The instance's timeline: every node, actor, action, comment and time. For those in it (the
 * submitter, anyone who has or had a task), admins, and whoever may view the record.
 */
export async function timeline(db: Executor, actor: Actor, instanceId: string): Promise<Timeline> {
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
  const failed = instance.status === 'running' ? await failedAction(db, instanceId) : undefined;
  return {
    instance: {
      id: instance.id,
      status: instance.status,
      formId: instance.form_id,
      recordId: instance.record_id,
      version: instance.version,
      failure: failed
        ? {
            nodeId: failed.nodeId,
            nodeLabel: flow.nodes.find((n) => n.id === failed.nodeId)?.label ?? null,
            index: failed.index,
            action: failed.action,
            attempts: failed.attempts,
            error: failed.error,
            at: failed.at.toISOString(),
            canResolve: await mayResolve(db, actor, instance.form_id),
          }
        : null,
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
