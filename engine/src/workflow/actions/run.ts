import type { ActionNode, AutomaticAction } from '@forecourt/schemas';
import type { ClaimedJob } from '../../jobs/registry';
import { evaluate } from '../../records/compute';
import { writeContext } from '../../records/context';
import { createRecord, updateRecord } from '../../records/service';
import { resolveApprovers } from '../approvers';
import { lockRun, systemActor } from '../load';
import { closeNodeRun, event, nodeOf, notify, type Run, schedule } from '../run';
import { leave } from '../step';

/** A `workflow.action` job: the node's actions from `from` on (0 when absent). */
export interface ActionJob {
  instanceId: string;
  nodeRunId: string;
  nodeId: string;
  from?: number;
}

/** A `workflow.webhook` job: the webhook action at `index` of the node. */
export interface WebhookJob {
  instanceId: string;
  nodeRunId: string;
  nodeId: string;
  index: number;
}

/**
 * An action that threw, with where: `index` is the action (or `actions.length` when the flow could
 * not go on after them, e.g. the next node's approvers block). The failure record reads it.
 */
export class ActionError extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = cause instanceof Error ? cause.name : 'ActionError';
  }
}

/** The node run if it is still waiting for its actions (the flow may have ended or moved meanwhile). */
export async function activeNodeRun(run: Run, nodeRunId: string) {
  const current = await run.trx
    .selectFrom('flow_node_runs')
    .select(['id', 'status', 'return_to'])
    .where('id', '=', nodeRunId)
    .where('instance_id', '=', run.instance.id)
    .executeTakeFirst();
  return current?.status === 'active' && run.instance.status === 'running' ? current : undefined;
}

/**
 * The `workflow.action` job: under the instance lock, in the job's transaction, the database actions
 * (update this record, create one, notify) run in order. A webhook is not called here: it becomes a
 * `workflow.webhook` job, committed with what came before it, and that job carries on after it.
 * After the last action the node completes and the flow goes on.
 */
export async function runActions(job: ClaimedJob, db: Run['trx']): Promise<void> {
  const payload = job.payload as ActionJob;
  const run = await lockRun(db, job.workspaceId, payload.instanceId, null);
  const current = await activeNodeRun(run, payload.nodeRunId);
  if (!current) return;
  const node = nodeOf(run, payload.nodeId) as ActionNode;
  for (let index = payload.from ?? 0; index < node.actions.length; index++) {
    const action = node.actions[index]!;
    if (action.kind === 'webhook') {
      await schedule(run, [
        {
          kind: 'workflow.webhook',
          payload: {
            instanceId: payload.instanceId,
            nodeRunId: payload.nodeRunId,
            nodeId: payload.nodeId,
            index,
          } satisfies WebhookJob,
          dedupKey: `webhook:${job.id}:${index}`,
        },
      ]);
      return;
    }
    try {
      await perform(run, action);
    } catch (error) {
      throw new ActionError(index, error);
    }
  }
  await closeNodeRun(run, current.id, 'done');
  await event(run, 'node.actions_done', {
    nodeId: node.id,
    details: { actions: node.actions.map((a) => a.kind) },
  });
  try {
    await leave(run, node.id, current.return_to);
  } catch (error) {
    throw new ActionError(node.actions.length, error);
  }
}

async function values(run: Run, expressions: Record<string, string>): Promise<Record<string, unknown>> {
  const context = writeContext(systemActor(run.instance.workspace_id), 'workflow', run.now);
  const out: Record<string, unknown> = {};
  for (const [field, expression] of Object.entries(expressions)) {
    out[field] = await evaluate(expression, run.data, context, run.form.fields);
  }
  return out;
}

async function perform(run: Run, action: Exclude<AutomaticAction, { kind: 'webhook' }>): Promise<void> {
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
  }
}
