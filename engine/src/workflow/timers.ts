import { sql } from 'kysely';
import type { Executor } from '../db/schema';
import { DomainError } from '../errors';
import { type ClaimedJob, jobHandlers } from '../jobs/registry';
import { actionFailed } from './actions/failure';
import { runActions } from './actions/run';
import { callWebhook, recordWebhook } from './actions/webhook';
import { lockRun } from './load';
import { event, notify } from './run';
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
 * Tries of an automatic action before it counts as failed, and the waits between them: 5 s, 10 s,
 * 20 s, 40 s, 80 s, 160 s, 320 s (about 10 minutes in all). Then the node stops `failed` and the
 * flow's admins are told (actions/failure.ts).
 */
export const ACTION_MAX_ATTEMPTS = 8;
export const ACTION_BACKOFF = { baseMs: 5_000, capMs: 10 * 60_000 };

/** Registers the workflow's job kinds with the engine's worker (once per process). */
export function registerWorkflowJobs(): void {
  if (!jobHandlers.get('workflow.deadline')) jobHandlers.register('workflow.deadline', deadline);
  const actions = { maxAttempts: ACTION_MAX_ATTEMPTS, backoff: ACTION_BACKOFF, onFailed: actionFailed };
  if (!jobHandlers.get('workflow.action')) jobHandlers.register('workflow.action', runActions, actions);
  // A webhook is called outside any transaction (`call`), then its outcome recorded in a new one.
  if (!jobHandlers.get('workflow.webhook'))
    jobHandlers.register('workflow.webhook', recordWebhook, { ...actions, call: callWebhook });
}
registerWorkflowJobs();
