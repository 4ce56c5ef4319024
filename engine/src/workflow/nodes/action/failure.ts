import type { ActionNode } from '@forecourt/schemas';
import { sql } from 'kysely';
import { formAccess } from '../../../access/form-access';
import type { Actor } from '../../../accounts/actor';
import type { Executor } from '../../../db/schema';
import { inTransaction } from '../../../db/transaction';
import { ConflictError, NotFoundError } from '../../../errors';
import type { ClaimedJob } from '../../../jobs/registry';
import { OutboundError } from '../../../outbound';
import { flowAdmins } from '../../admins';
import { assertPersonal, lockRun } from '../../load';
import { refusal } from '../../refusal';
import { event, nodeOf, notify, type Run, schedule } from '../../run';
import { ActionError, type ActionJob, type WebhookJob } from './perform';

/** How a failed action is described on the timeline and to the web app: a stable code and its parameters. */
export interface ActionFailure {
  nodeRunId: string;
  /** The action's place in the node (`actions.length`: carrying on after them failed). */
  index: number;
  /** Its kind, or null when carrying on after the actions failed. */
  action: string | null;
  attempts: number;
  error: { code: string; params: Record<string, string | number>; message: string };
  /** The job that failed: retrying puts it back. */
  jobId: string;
}

/**
 * A `workflow.action` or `workflow.webhook` job failed for the last time: in the transaction that
 * marks it failed, the node run becomes `failed` (the instance stays running, at this node), the
 * timeline says what failed and why, and the flow's admins are told. Nothing happens if the flow
 * has moved on meanwhile (ended, returned).
 */
export async function actionFailed(
  job: ClaimedJob,
  db: Run['trx'],
  failure: { message: string; error?: unknown },
): Promise<void> {
  const payload = job.payload as Partial<ActionJob & WebhookJob>;
  const exists = await db
    .selectFrom('flow_instances')
    .select('id')
    .where('id', '=', payload.instanceId ?? '')
    .where('workspace_id', '=', job.workspaceId)
    .executeTakeFirst();
  if (!exists) return;
  const run = await lockRun(db, job.workspaceId, exists.id, null);
  const failed = await db
    .updateTable('flow_node_runs')
    .set({ status: 'failed' })
    .where('id', '=', payload.nodeRunId ?? '')
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!Number(failed.numUpdatedRows) || run.instance.status !== 'running') return;
  const node = nodeOf(run, payload.nodeId ?? '') as ActionNode;
  const index =
    failure.error instanceof ActionError ? failure.error.index : (payload.index ?? payload.from ?? 0);
  const details: ActionFailure = {
    nodeRunId: payload.nodeRunId ?? '',
    index,
    action: node.actions[index]?.kind ?? null,
    attempts: job.attempts,
    error: describeFailure(failure),
    jobId: job.id,
  };
  await event(run, 'action.failed', { nodeId: node.id, details: { ...details } });
  await notify(run, await flowAdmins(run), 'flow.action_failed', {
    details: {
      nodeId: node.id,
      nodeLabel: node.label ?? null,
      action: details.action,
      error: details.error.code,
    },
  });
}

function describeFailure(failure: { message: string; error?: unknown }): ActionFailure['error'] {
  const cause = failure.error instanceof ActionError ? failure.error.cause : failure.error;
  if (cause instanceof OutboundError)
    return { code: `outbound.${cause.reason}`, params: cause.params, message: cause.message };
  const code = (cause as { code?: unknown } | undefined)?.code;
  return {
    code:
      typeof code === 'string' && cause
        ? `action.${code}`
        : failure.error
          ? 'action.error'
          : 'action.abandoned',
    params: {},
    message: cause instanceof Error ? cause.message : failure.message,
  };
}

/** The instance's failed action, if one is waiting for an admin (read by the timeline). */
export async function failedAction(
  db: Executor,
  instanceId: string,
): Promise<(ActionFailure & { nodeId: string; at: Date }) | undefined> {
  const row = await db
    .selectFrom('flow_node_runs as n')
    .innerJoin('flow_events as e', (j) =>
      j
        .onRef('e.instance_id', '=', 'n.instance_id')
        .onRef('e.node_id', '=', 'n.node_id')
        .on('e.action', '=', 'action.failed'),
    )
    .select(['n.id', 'n.node_id', 'e.details', 'e.at'])
    .where('n.instance_id', '=', instanceId)
    .where('n.status', '=', 'failed')
    .where(sql<boolean>`e.details->>'nodeRunId' = n.id`)
    .orderBy('e.id', 'desc')
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...(row.details as unknown as ActionFailure), nodeId: row.node_id, at: row.at };
}

/** Whether this person may retry or skip the instance's failed action: admins of the workspace or of the form's app. */
export async function mayResolve(db: Executor, actor: Actor, formId: string): Promise<boolean> {
  if (actor.scopes) return false;
  if (actor.isAdmin) return true;
  const access = await formAccess(db, actor, formId).catch(() => null);
  return access?.manages ?? false;
}

async function lockFailed(trx: Run['trx'], actor: Actor, instanceId: string) {
  assertPersonal(actor);
  const run = await lockRun(trx, actor.workspaceId, instanceId, actor.userId);
  if (!(await mayResolve(trx, actor, run.instance.form_id))) {
    // 403 to those who follow the approval, 404 to anyone else: an id reveals nothing.
    throw await refusal(
      trx,
      actor,
      instanceId,
      'Only administrators of this form’s app can retry or skip its actions.',
    );
  }
  const failure = run.instance.status === 'running' ? await failedAction(trx, instanceId) : undefined;
  if (!failure) throw new ConflictError('No automatic action of this approval is waiting after a failure.');
  await trx
    .updateTable('flow_node_runs')
    .set({ status: 'active' })
    .where('id', '=', failure.nodeRunId)
    .where('status', '=', 'failed')
    .execute();
  return { run, failure };
}

/**
 * Admin: try the failed action again. The failed job itself goes back to the queue (same id, so a
 * webhook receiver sees the same `Idempotency-Key`), with a fresh count of tries.
 */
export async function retryAction(db: Executor, actor: Actor, instanceId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const { run, failure } = await lockFailed(trx, actor, instanceId);
    const revived = await trx
      .updateTable('jobs')
      .set({ status: 'pending', attempts: 0, run_at: run.now, locked_until: null, last_error: null })
      .where('id', '=', failure.jobId)
      .where('status', '=', 'failed')
      .executeTakeFirst();
    if (!Number(revived.numUpdatedRows)) throw new NotFoundError('The failed action');
    await event(run, 'action.retried', { nodeId: failure.nodeId, details: { index: failure.index } });
  });
}

/** Admin: leave the failed action out and carry on with the node's next actions (or the next node). */
export async function skipAction(db: Executor, actor: Actor, instanceId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const { run, failure } = await lockFailed(trx, actor, instanceId);
    await event(run, 'action.skipped', {
      nodeId: failure.nodeId,
      details: { index: failure.index, action: failure.action },
    });
    await schedule(run, [
      {
        kind: 'workflow.action',
        payload: {
          instanceId,
          nodeRunId: failure.nodeRunId,
          nodeId: failure.nodeId,
          from: failure.index + 1,
        } satisfies ActionJob,
        dedupKey: `action:${failure.jobId}:skip`,
      },
    ]);
  });
}
