import { strandedJoins } from '@forecourt/schemas';
import { formAccess } from '../access/form-access';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { currentFlow } from './definitions';
import { mirrorFlowState } from './finish';
import { assertPersonal, lockRun } from './load';
import { refusal } from './refusal';
import { event, notify } from './run';
import { startInstance } from './start';
import { enter, finishInstance } from './step';

/**
 * Submits a record into its form's flow: one transaction creates the instance on the current
 * version and runs it until it waits for people. A retried submit with the same `dedupKey` finds
 * the instance it made; a record already in a running flow is a 409.
 */
export async function submitRecord(
  db: Executor,
  actor: Actor,
  formId: string,
  recordId: string,
  options: { dedupKey?: string; chosen?: string[] } = {},
): Promise<{ instanceId: string }> {
  const access = await formAccess(db, actor, formId);
  access.require('create');
  return inTransaction(db, async (trx) => {
    // The key is the submitter's own: someone else's key, or the same key for another record, is no match.
    const dedupKey = options.dedupKey
      ? `${actor.workspaceId}:${actor.userId}:${options.dedupKey}`
      : undefined;
    if (dedupKey) {
      const earlier = await trx
        .selectFrom('flow_instances')
        .select(['id', 'record_id'])
        .where('dedup_key', '=', dedupKey)
        .executeTakeFirst();
      if (earlier && earlier.record_id !== recordId) {
        throw new ConflictError('This idempotency key was used to submit another record.');
      }
      if (earlier) return { instanceId: earlier.id };
    }
    const record = await trx
      .selectFrom('records')
      .select(['id', 'owner_id', 'flow_state'])
      .where('workspace_id', '=', actor.workspaceId)
      .where('form_id', '=', formId)
      .where('id', '=', recordId)
      .where('deleted_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!record) throw new NotFoundError('The record');
    if (!access.manages && record.owner_id !== actor.userId) {
      throw new ForbiddenError('Only the person who entered the record can submit it.');
    }
    if (record.flow_state === 'running') throw new ConflictError('This record is already in an approval.');
    const flow = await currentFlow(trx, actor.workspaceId, formId);
    if (!flow)
      throw new ValidationError('This form has no published approval flow.', [
        { path: '/', message: 'Publish a flow for the form first.' },
      ]);
    const id = await startInstance(trx, {
      workspaceId: actor.workspaceId,
      formId,
      recordId,
      submitterId: actor.userId,
      flow,
      ...(dedupKey ? { dedupKey } : {}),
      ...(options.chosen ? { chosen: options.chosen } : {}),
    });
    return { instanceId: id };
  });
}

/**
 * The submitter takes the record back while the next step is untouched: nobody but the submitter
 * has acted on any task since the submit (or the last time it came back to them).
 */
export async function withdrawInstance(db: Executor, actor: Actor, instanceId: string): Promise<void> {
  assertPersonal(actor);
  await inTransaction(db, async (trx) => {
    const run = await lockRun(trx, actor.workspaceId, instanceId, actor.userId);
    if (run.instance.submitter_id !== actor.userId)
      throw await refusal(trx, actor, instanceId, 'Only the submitter can withdraw.');
    if (run.instance.status !== 'running') throw new ConflictError('This approval has already ended.');
    const since = await trx
      .selectFrom('flow_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('instance_id', '=', instanceId)
      .where('action', 'in', ['instance.submitted', 'task.resubmitted'])
      .executeTakeFirst();
    const acted = await trx
      .selectFrom('flow_events')
      .select('id')
      .where('instance_id', '=', instanceId)
      .where('id', '>', since?.id ?? '0')
      .where('action', 'like', 'task.%')
      // Reading a copy is not acting on the approval.
      .where('action', 'not in', ['task.turn', 'task.urged', 'task.read'])
      .where('actor_id', 'is not', null)
      .where('actor_id', '!=', actor.userId)
      .limit(1)
      .executeTakeFirst();
    if (acted)
      throw new ConflictError('Someone has already acted on this approval; it can no longer be withdrawn.');
    await finishInstance(run, 'withdrawn');
  });
}

/** Reminds the people who have a pending task on the instance; at most once every 10 minutes. */
export async function urgeInstance(
  db: Executor,
  actor: Actor,
  instanceId: string,
): Promise<{ urged: number }> {
  assertPersonal(actor);
  return inTransaction(db, async (trx) => {
    const run = await lockRun(trx, actor.workspaceId, instanceId, actor.userId);
    if (run.instance.submitter_id !== actor.userId && !actor.isAdmin) {
      throw await refusal(trx, actor, instanceId, 'Only the submitter or an admin can urge.');
    }
    if (run.instance.status !== 'running') throw new ConflictError('This approval has already ended.');
    const recent = await trx
      .selectFrom('flow_events')
      .select('id')
      .where('instance_id', '=', instanceId)
      .where('action', '=', 'task.urged')
      .where('at', '>', new Date(run.now.getTime() - 10 * 60_000))
      .executeTakeFirst();
    if (recent) throw new ConflictError('The approvers were reminded less than 10 minutes ago.');
    const pending = await trx
      .selectFrom('flow_tasks')
      .select(['id', 'assignee_id'])
      .where('instance_id', '=', instanceId)
      .where('status', '=', 'pending')
      .where('kind', '!=', 'cc')
      .execute();
    for (const task of pending) await notify(run, [task.assignee_id], 'task.urged', { taskId: task.id });
    await event(run, 'task.urged', { details: { assignees: pending.map((t) => t.assignee_id) } });
    return { urged: pending.length };
  });
}

/** Admin: ends a running instance where it stands. */
export async function endInstance(
  db: Executor,
  actor: Actor,
  instanceId: string,
  comment?: string,
): Promise<void> {
  if (!actor.isAdmin || actor.scopes)
    throw await refusal(db, actor, instanceId, 'Only administrators can end an approval.');
  await inTransaction(db, async (trx) => {
    const run = await lockRun(trx, actor.workspaceId, instanceId, actor.userId);
    if (run.instance.status !== 'running') throw new ConflictError('This approval has already ended.');
    await event(run, 'admin.ended', { comment: comment ?? null });
    await finishInstance(run, 'ended');
  });
}

/** Admin: brings an ended instance back to life at a node of its flow. */
export async function reactivateInstance(
  db: Executor,
  actor: Actor,
  instanceId: string,
  nodeId: string,
): Promise<void> {
  if (!actor.isAdmin || actor.scopes)
    throw await refusal(db, actor, instanceId, 'Only administrators can reactivate an approval.');
  await inTransaction(db, async (trx) => {
    const run = await lockRun(trx, actor.workspaceId, instanceId, actor.userId);
    if (run.instance.status === 'running') throw new ConflictError('This approval is still running.');
    const node = run.flow.nodes.find((n) => n.id === nodeId);
    if (!node || !['approval', 'fill', 'start'].includes(node.type)) {
      throw new ValidationError('Choose a node where people act.', [
        { path: '/nodeId', message: `No such node: ${nodeId}.` },
      ]);
    }
    // Ending cancelled every join's arrivals: started in one branch, the flow would wait at the join.
    if (strandedJoins(run.flow, nodeId).length) {
      throw new ValidationError('Choose a node outside parallel branches.', [
        { path: '/nodeId', message: `${nodeId} is inside a parallel branch: reactivate before the split.` },
      ]);
    }
    const live = await trx
      .selectFrom('flow_instances')
      .select('id')
      .where('record_id', '=', run.instance.record_id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (live) throw new ConflictError('The record is in another running approval.');
    await trx
      .updateTable('flow_instances')
      .set({ status: 'running', ended_at: null })
      .where('id', '=', instanceId)
      .execute();
    run.instance = { ...run.instance, status: 'running', ended_at: null };
    await mirrorFlowState(run, 'running');
    await event(run, 'admin.reactivated', { nodeId });
    await enter(run, nodeId);
  });
}
