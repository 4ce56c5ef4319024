import type { ActionNode, AutomaticAction } from '@forecourt/schemas';
import { sql } from 'kysely';
import type { Executor } from '../db/schema';
import { DomainError } from '../errors';
import { type ClaimedJob, jobHandlers } from '../jobs/registry';
import { evaluate } from '../records/compute';
import { writeContext } from '../records/context';
import { createRecord, updateRecord } from '../records/service';
import { resolveApprovers } from './approvers';
import { lockRun, systemActor } from './load';
import { closeNodeRun, event, nodeOf, notify, type Run } from './run';
import { leave } from './step';
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

/** Automatic actions of an action node, then the flow goes on. */
async function automaticActions(job: ClaimedJob, db: Executor): Promise<void> {
  const { instanceId, nodeRunId, nodeId } = job.payload as {
    instanceId: string;
    nodeRunId: string;
    nodeId: string;
  };
  const run = await lockRun(db, job.workspaceId, instanceId, null);
  const current = await db
    .selectFrom('flow_node_runs')
    .selectAll()
    .where('id', '=', nodeRunId)
    .executeTakeFirst();
  if (current?.status !== 'active' || run.instance.status !== 'running') return;
  const node = nodeOf(run, nodeId) as ActionNode;
  for (const action of node.actions) await perform(run, action, job);
  await closeNodeRun(run, nodeRunId, 'done');
  await event(run, 'node.actions_done', { nodeId, details: { actions: node.actions.map((a) => a.kind) } });
  await leave(run, nodeId, current.return_to);
}

async function values(run: Run, expressions: Record<string, string>): Promise<Record<string, unknown>> {
  const context = writeContext(systemActor(run.instance.workspace_id), 'workflow', run.now);
  const out: Record<string, unknown> = {};
  for (const [field, expression] of Object.entries(expressions)) {
    out[field] = await evaluate(expression, run.data, context, run.form.fields);
  }
  return out;
}

async function perform(run: Run, action: AutomaticAction, job: ClaimedJob): Promise<void> {
  const context = writeContext(systemActor(run.instance.workspace_id), 'workflow', run.now);
  switch (action.kind) {
    case 'updateRecord': {
      const record = await run.trx
        .selectFrom('records')
        .select('rev')
        .where('id', '=', run.instance.record_id)
        .executeTakeFirstOrThrow();
      const updated = await updateRecord(run.trx, context, run.instance.form_id, run.instance.record_id, {
        rev: record.rev,
        data: await values(run, action.values),
      });
      run.data = updated.data;
      return;
    }
    case 'createRecord':
      await createRecord(run.trx, context, action.formId, await values(run, action.values));
      return;
    case 'notify': {
      const { userIds } = await resolveApprovers(
        run.trx,
        {
          workspaceId: run.instance.workspace_id,
          submitterId: run.instance.submitter_id,
          formDefinition: run.form,
          data: run.data,
        },
        action.approvers,
      );
      await notify(run, userIds, 'flow.notice', { details: { message: action.message } });
      return;
    }
    case 'webhook': {
      // Ids only: the receiver reads the record through the API with its own token, so access
      // control decides what it sees. The job id lets it ignore a repeated delivery.
      const response = await fetch(action.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forecourt-delivery': job.id },
        body: JSON.stringify({
          event: 'workflow.action',
          instanceId: run.instance.id,
          formId: run.instance.form_id,
          recordId: run.instance.record_id,
          nodeId: (job.payload as { nodeId: string }).nodeId,
        }),
        signal: AbortSignal.timeout(5_000),
      });
      if (!response.ok) throw new Error(`The webhook answered ${response.status}`);
      return;
    }
  }
}

/** Registers the workflow's job kinds with the engine's worker (once per process). */
export function registerWorkflowJobs(): void {
  if (!jobHandlers.get('workflow.deadline')) jobHandlers.register('workflow.deadline', deadline);
  if (!jobHandlers.get('workflow.action'))
    jobHandlers.register('workflow.action', automaticActions, { maxAttempts: 5 });
}
registerWorkflowJobs();
