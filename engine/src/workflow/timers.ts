import { sql } from 'kysely';
import type { Executor } from '../db/schema';
import { DomainError, NotFoundError } from '../errors';
import { type ClaimedJob, jobHandlers } from '../jobs/registry';
import { flowAdmins } from './admins';
import { lockRun } from './load';
import './nodes';
import { event, notify } from './run';
import { resumeNode } from './step';
import { actAsSystem } from './task-actions';

/**
 * A task's deadline came: remind its assignee, approve it, or return it, if it is still pending.
 * Dedup keys (one per task and kind) make a repeated delivery harmless, and the instance lock makes
 * a deadline and a person acting at the same moment take turns: whoever comes second finds it done.
 */
async function deadline(job: ClaimedJob, db: Executor): Promise<void> {
  const { taskId, action } = job.payload as { taskId: string; action: 'remind' | 'approve' | 'return' };
  const task = await db
    .selectFrom('flow_tasks')
    .select(['instance_id', 'status', 'assignee_id', 'node_id'])
    .where('workspace_id', '=', job.workspaceId)
    .where('id', '=', taskId)
    .executeTakeFirst();
  if (task?.status !== 'pending') return;
  const run = await lockRun(db, job.workspaceId, task.instance_id, null);
  if (action === 'remind') {
    await notify(run, [task.assignee_id], 'task.reminder', { taskId });
    await event(run, 'task.reminded', { nodeId: task.node_id, taskId });
    return;
  }
  // A savepoint: if the step cannot be taken, nothing of it stays (the task may have been settled).
  await sql`savepoint deadline_step`.execute(db);
  try {
    await actAsSystem(
      run,
      taskId,
      action === 'approve'
        ? { action: 'approve', comment: '超时自动通过' }
        : { action: 'return', comment: '超时自动退回' },
    );
  } catch (error) {
    // The step cannot be taken for them (a required field is empty, no earlier step to return to):
    // the task stays with its assignee, who is told it is overdue, rather than the job failing.
    if (!(error instanceof DomainError) || !['validation_failed', 'conflict'].includes(error.code))
      throw error;
    await sql`rollback to savepoint deadline_step`.execute(db);
    await notify(run, [task.assignee_id], 'task.overdue', { taskId });
    await event(run, 'task.deadline_blocked', {
      nodeId: task.node_id,
      taskId,
      details: { reason: error.message },
    });
  }
}

/**
 * A `workflow.resume` job: a timer a node set for itself (a delay) came due. Under the instance lock
 * its kind decides what follows; nothing happens if the flow moved on or the instance is gone. When
 * the flow cannot go on from there (no branch applies, nobody to approve), nothing of the step stays:
 * the node run is marked failed, the timeline says why and the flow's admins are told, rather than
 * the job retrying a step that cannot be taken.
 */
async function resume(job: ClaimedJob, db: Executor): Promise<void> {
  const { instanceId, nodeRunId } = job.payload as { instanceId: string; nodeRunId: string };
  const run = await lockRun(db, job.workspaceId, instanceId, null).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!run) return;
  await sql`savepoint resume_step`.execute(db);
  try {
    await resumeNode(run, nodeRunId, job.payload);
  } catch (error) {
    if (!(error instanceof DomainError) || !['validation_failed', 'conflict'].includes(error.code))
      throw error;
    await sql`rollback to savepoint resume_step`.execute(db);
    const blocked = await db
      .updateTable('flow_node_runs')
      .set({ status: 'failed' })
      .where('id', '=', nodeRunId)
      .where('status', '=', 'active')
      .returning('node_id')
      .executeTakeFirst();
    if (!blocked) return;
    await event(run, 'node.blocked', {
      nodeId: blocked.node_id,
      details: { code: error.code, reason: error.message },
    });
    await notify(run, await flowAdmins(run), 'flow.node_blocked', {
      details: { nodeId: blocked.node_id, error: error.code },
    });
  }
}

/** Registers the workflow's timer job kinds with the engine's worker (once per process); the action node registers its own. */
export function registerWorkflowJobs(): void {
  if (!jobHandlers.get('workflow.deadline')) jobHandlers.register('workflow.deadline', deadline);
  if (!jobHandlers.get('workflow.resume')) jobHandlers.register('workflow.resume', resume);
}
registerWorkflowJobs();
