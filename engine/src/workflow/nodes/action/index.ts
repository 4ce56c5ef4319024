import type { ActionNode } from '@forecourt/schemas';
import type { Executor } from '../../../db/schema';
import { type ClaimedJob, jobHandlers } from '../../../jobs/registry';
import { type Arrival, leaveTo, type NodeKind, type OpenNodeRun, WAIT } from '../../kinds';
import { lockRun } from '../../load';
import { closeNodeRun, event, nodeOf, openNodeRun, type Run, schedule } from '../../run';
import { resumeNode } from '../../step';
import { actionFailed } from './failure';
import { ActionError, type ActionJob, perform, type WebhookJob } from './perform';
import { callWebhook, recordWebhook } from './webhook';

/**
 * Automatic actions, run in order by the job worker, not in the step that arrives: a `workflow.action`
 * job resumes the node. Database actions (update this record, create one, notify) run under the
 * instance lock in the job's transaction. A webhook becomes a `workflow.webhook` job of its own,
 * committed with what came before it (webhook.ts): the HTTP call is made outside any transaction and
 * without the lock; then, in the job's transaction and under the instance lock again, its delivery goes
 * on the timeline and a new `workflow.action` job is scheduled for the actions after it. After the last
 * action the node completes and the flow goes on.
 */
export const actionNode: NodeKind<ActionNode> = {
  async enter(run: Run, node: ActionNode, arrival: Arrival) {
    const nodeRunId = await openNodeRun(run, node.id, 'active', arrival.returnTo ?? null);
    await schedule(run, [
      {
        kind: 'workflow.action',
        payload: { instanceId: run.instance.id, nodeRunId, nodeId: node.id } satisfies ActionJob,
        dedupKey: `action:${nodeRunId}`,
      },
    ]);
    return WAIT;
  },

  async resume(run: Run, node: ActionNode, nodeRun: OpenNodeRun, payload: unknown) {
    const job = payload as ActionJob & { jobId: string };
    for (let index = job.from ?? 0; index < node.actions.length; index++) {
      const action = node.actions[index]!;
      if (action.kind === 'webhook') {
        await schedule(run, [
          {
            kind: 'workflow.webhook',
            payload: {
              instanceId: job.instanceId,
              nodeRunId: nodeRun.id,
              nodeId: node.id,
              index,
            } satisfies WebhookJob,
            dedupKey: `webhook:${job.jobId}:${index}`,
          },
        ]);
        return WAIT;
      }
      try {
        await perform(run, action);
      } catch (error) {
        throw new ActionError(index, error);
      }
    }
    await closeNodeRun(run, nodeRun.id, 'done');
    await event(run, 'node.actions_done', {
      nodeId: node.id,
      details: { actions: node.actions.map((a) => a.kind) },
    });
    return leaveTo(nodeRun.return_to);
  },
};

/** The `workflow.action` job. A failure after the last action (the flow could not go on) counts as at `actions.length`. */
async function runActions(job: ClaimedJob, db: Executor): Promise<void> {
  const payload = job.payload as ActionJob;
  const run = await lockRun(db, job.workspaceId, payload.instanceId, null);
  try {
    await resumeNode(run, payload.nodeRunId, { ...payload, jobId: job.id });
  } catch (error) {
    if (error instanceof ActionError) throw error;
    throw new ActionError((nodeOf(run, payload.nodeId) as ActionNode).actions.length, error);
  }
}

/**
 * Tries of an automatic action before it counts as failed, and the waits between them: 5 s, 10 s,
 * 20 s, 40 s, 80 s, 160 s, 320 s (about 10 minutes in all). Then the node stops `failed` and the
 * flow's admins are told (failure.ts).
 */
export const ACTION_MAX_ATTEMPTS = 8;
export const ACTION_BACKOFF = { baseMs: 5_000, capMs: 10 * 60_000 };

/** Registers the action node's job kinds with the engine's worker (once per process). */
export function registerActionJobs(): void {
  const actions = { maxAttempts: ACTION_MAX_ATTEMPTS, backoff: ACTION_BACKOFF, onFailed: actionFailed };
  if (!jobHandlers.get('workflow.action')) jobHandlers.register('workflow.action', runActions, actions);
  // A webhook is called outside any transaction (`call`), then its outcome recorded in a new one.
  if (!jobHandlers.get('workflow.webhook'))
    jobHandlers.register('workflow.webhook', recordWebhook, { ...actions, call: callWebhook });
}
