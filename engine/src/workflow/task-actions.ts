import type { HumanNode, WorkflowNode } from '@forecourt/schemas';
import { mayReturn, returnScope } from '@forecourt/schemas';
import type { TaskAction, TaskActionResult } from '@forecourt/schemas/api';
import type { Selectable } from 'kysely';
import type { Actor } from '../accounts/actor';
import type { Executor, FlowTasksTable, TaskStatus } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { applyNodeEdits } from './edits';
import { cancelOpenWork } from './finish';
import { assertPersonal, lockRun } from './load';
import { closeNodeRun, event, nodeOf, type Run } from './run';
import { enter, finishInstance, leave } from './step';
import { arrived, createTasks, nodeComplete } from './tasks';

export type Task = Selectable<FlowTasksTable>;

/** What someone does with a task of theirs: the API's `TaskAction` body. */
export type TaskActionInput = TaskAction;

type Handler = (run: Run, node: WorkflowNode, task: Task, input: never) => Promise<void>;

/**
 * Acts on a task: under the instance's lock, the task must still be pending (compare-and-set: of
 * two people acting at once on one task, one succeeds and the other gets 409), the node must offer
 * the action, and edits must respect the node's field permissions. Then the flow moves on in the
 * same transaction.
 */
export async function actOnTask(
  db: Executor,
  actor: Actor,
  taskId: string,
  input: TaskActionInput,
): Promise<TaskActionResult> {
  assertPersonal(actor);
  return inTransaction(db, async (trx) => {
    const found = await trx
      .selectFrom('flow_tasks')
      .select(['instance_id', 'assignee_id', 'status'])
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', taskId)
      .executeTakeFirst();
    if (!found || found.assignee_id !== actor.userId) throw new NotFoundError('The task');
    // A task acted on never becomes pending again: the loser of a race learns it before taking the
    // instance's lock. The check under the lock below is still the compare-and-set that decides.
    if (found.status !== 'pending' && found.status !== 'waiting') {
      throw new ConflictError('This task has already been handled.');
    }
    const run = await lockRun(trx, actor.workspaceId, found.instance_id, actor.userId);
    const task = await trx
      .selectFrom('flow_tasks')
      .selectAll()
      .where('id', '=', taskId)
      .executeTakeFirstOrThrow();
    if (task.assignee_id !== actor.userId) throw new NotFoundError('The task');
    if (task.status !== 'pending') throw new ConflictError('This task has already been handled.');
    // A copy can be read after the flow ended; everything else acts on a running flow.
    if (run.instance.status !== 'running' && task.kind !== 'cc')
      throw new ConflictError('This approval has already ended.');
    const node = nodeOf(run, task.node_id);
    assertOffered(node, task, input);
    if ('signatureFileId' in input && input.signatureFileId)
      await assertOwnUpload(run, actor, input.signatureFileId);
    await HANDLERS[input.action](run, node, task, input as never);
    return { taskId, instanceId: run.instance.id, instanceStatus: run.instance.status };
  });
}

function assertOffered(node: WorkflowNode, task: Task, input: TaskActionInput): void {
  if (task.kind === 'cc') {
    if (input.action !== 'read') throw new ForbiddenError('A copy is for reading: mark it read.');
    return;
  }
  if (input.action === 'read')
    throw new ValidationError('Only copies are marked read.', [
      { path: '/action', message: 'Approve, reject, return or transfer the task.' },
    ]);
  if (node.type === 'start' && !['approve', 'saveDraft'].includes(input.action)) {
    throw new ForbiddenError('The record came back to you: change it and submit it again.');
  }
  const human = node as HumanNode;
  const offered = human.actions?.[input.action as keyof NonNullable<HumanNode['actions']>];
  if (offered === false) throw new ForbiddenError(`This step does not allow “${input.action}”.`);
  if (input.action === 'approve' || input.action === 'reject') {
    if (human.requireComment && !input.comment?.trim()) {
      throw new ValidationError('A comment is required.', [{ path: '/comment', message: 'Say why.' }]);
    }
    if (human.requireSignature && !input.signatureFileId) {
      throw new ValidationError('A signature is required.', [
        { path: '/signatureFileId', message: 'Sign first.' },
      ]);
    }
  }
}

/** A signature is a file the signer uploaded themself (the signature pad uploads it first). */
async function assertOwnUpload(run: Run, actor: Actor, fileId: string): Promise<void> {
  const file = await run.trx
    .selectFrom('files')
    .select('id')
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', fileId)
    .where('created_by', '=', actor.userId)
    .executeTakeFirst();
  if (!file) {
    throw new ValidationError('The signature was not uploaded by you.', [
      { path: '/signatureFileId', message: 'Sign on the pad again.' },
    ]);
  }
}

/** Marks the task acted on; only a pending task changes (the compare-and-set of two racing actions). */
async function settle(
  run: Run,
  task: Task,
  status: TaskStatus,
  extra: { comment?: string; signatureFileId?: string } = {},
) {
  const done = await run.trx
    .updateTable('flow_tasks')
    .set({
      status,
      acted_at: run.now,
      acted_by: run.actorId,
      comment: extra.comment ?? null,
      signature_file_id: extra.signatureFileId ?? null,
    })
    .where('id', '=', task.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) throw new ConflictError('This task has already been handled.');
}

async function nodeRun(run: Run, id: string) {
  return run.trx.selectFrom('flow_node_runs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function assertAssignable(run: Run, task: Task, userId: string): Promise<void> {
  if (userId === task.assignee_id)
    throw new ValidationError('Choose someone else.', [
      { path: '/to', message: 'You cannot give a task to yourself.' },
    ]);
  const user = await run.trx
    .selectFrom('users')
    .select('id')
    .where('workspace_id', '=', run.instance.workspace_id)
    .where('id', '=', userId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!user)
    throw new ValidationError('No such active user.', [
      { path: '/to', message: `No active user ${userId}.` },
    ]);
  const open = await run.trx
    .selectFrom('flow_tasks')
    .select('id')
    .where('node_run_id', '=', task.node_run_id)
    .where('assignee_id', '=', userId)
    .where('status', 'in', ['waiting', 'pending'])
    .executeTakeFirst();
  if (open) throw new ConflictError('That person already has this task.');
}

const HANDLERS: Record<TaskActionInput['action'], Handler> = {
  async approve(run, node, task, input: Extract<TaskActionInput, { action: 'approve' }>) {
    if (input.data) await applyNodeEdits(run, node, input.data, true);
    else await applyNodeEdits(run, node, {}, true);
    await settle(run, task, 'approved', input);
    if (input.chosen) run.chosen = input.chosen;
    const origin = task.origin as { before?: string } | null;
    if (origin?.before) {
      // A signer added before someone: now it is that person's turn again.
      const original = await run.trx
        .selectFrom('flow_tasks')
        .selectAll()
        .where('id', '=', origin.before)
        .executeTakeFirst();
      if (original?.status === 'waiting') {
        await run.trx
          .updateTable('flow_tasks')
          .set({ status: 'pending', origin: null })
          .where('id', '=', original.id)
          .execute();
        await arrived(run, node as HumanNode, original.id, original.assignee_id, original.due_at);
      }
      await event(run, 'task.approved', { nodeId: node.id, taskId: task.id, comment: input.comment ?? null });
      return;
    }
    const current = await nodeRun(run, task.node_run_id);
    if (node.type === 'start') {
      await event(run, 'task.resubmitted', {
        nodeId: node.id,
        taskId: task.id,
        comment: input.comment ?? null,
      });
      await closeNodeRun(run, current.id, 'done');
      return leave(run, node.id, current.return_to);
    }
    await event(run, 'task.approved', { nodeId: node.id, taskId: task.id, comment: input.comment ?? null });
    if (!(await nodeComplete(run, node as HumanNode, current.id))) return;
    await closeNodeRun(run, current.id, 'done');
    await run.trx
      .updateTable('flow_tasks')
      .set({ status: 'cancelled' })
      .where('node_run_id', '=', current.id)
      .where('status', 'in', ['waiting', 'pending'])
      .execute();
    await leave(run, node.id, current.return_to);
  },

  async reject(run, node, task, input: Extract<TaskActionInput, { action: 'reject' }>) {
    await settle(run, task, 'rejected', input);
    await closeNodeRun(run, task.node_run_id, 'rejected');
    await event(run, 'task.rejected', { nodeId: node.id, taskId: task.id, comment: input.comment ?? null });
    await finishInstance(run, 'rejected');
  },

  async return(run, node, task, input: Extract<TaskActionInput, { action: 'return' }>) {
    const current = await nodeRun(run, task.node_run_id);
    const passed = await run.trx
      .selectFrom('flow_node_runs')
      .select(['node_id', 'seq'])
      .where('instance_id', '=', run.instance.id)
      .where('status', '=', 'done')
      .where('seq', '<', current.seq)
      .orderBy('seq', 'desc')
      .execute();
    // A step people acted on before this one, on its path: seq order alone would also offer a
    // parallel branch's node, or one passed before an earlier return that now lies ahead.
    const human = (id: string) => ['approval', 'fill', 'start'].includes(nodeOf(run, id).type);
    const allowed = (id: string) => human(id) && mayReturn(run.flow, node.id, id);
    const target = input.to ?? passed.find((p) => allowed(p.node_id))?.node_id;
    if (!target || !passed.some((p) => p.node_id === target) || !allowed(target)) {
      throw new ValidationError('The task can only go back to a step it has passed where people act.', [
        {
          path: '/to',
          message: input.to ? `Not a passed step: ${input.to}.` : 'There is no earlier step to return to.',
        },
      ]);
    }
    await settle(run, task, 'returned', input);
    await closeNodeRun(run, current.id, 'returned');
    await cancelOpenWork(run, returnScope(run.flow, target));
    await event(run, 'task.returned', {
      nodeId: node.id,
      taskId: task.id,
      comment: input.comment ?? null,
      details: { to: target, resume: input.resume ?? 'normal' },
    });
    await enter(run, target, { from: node.id, returnTo: input.resume === 'direct' ? node.id : null });
  },

  async transfer(run, node, task, input: Extract<TaskActionInput, { action: 'transfer' }>) {
    await assertAssignable(run, task, input.to);
    await settle(run, task, 'transferred', input);
    await createTasks(run, node as HumanNode, task.node_run_id, [
      {
        assigneeId: input.to,
        status: 'pending',
        position: task.position,
        origin: { transferredFrom: task.id },
      },
    ]);
    await event(run, 'task.transferred', {
      nodeId: node.id,
      taskId: task.id,
      comment: input.comment ?? null,
      details: { to: input.to },
    });
  },

  async addSigner(run, node, task, input: Extract<TaskActionInput, { action: 'addSigner' }>) {
    await assertAssignable(run, task, input.to);
    const details = { to: input.to, where: input.where };
    if (input.where === 'after') {
      await settle(run, task, 'approved', input);
      await createTasks(run, node as HumanNode, task.node_run_id, [
        { assigneeId: input.to, status: 'pending', position: task.position, origin: { after: task.id } },
      ]);
    } else if (input.where === 'before') {
      const [added] = await createTasks(run, node as HumanNode, task.node_run_id, [
        { assigneeId: input.to, status: 'pending', position: task.position, origin: { before: task.id } },
      ]);
      await run.trx
        .updateTable('flow_tasks')
        .set({ status: 'waiting', origin: JSON.stringify({ waitingFor: added }) })
        .where('id', '=', task.id)
        .execute();
    } else {
      await createTasks(run, node as HumanNode, task.node_run_id, [
        { assigneeId: input.to, status: 'pending', position: task.position, origin: { parallel: task.id } },
      ]);
    }
    await event(run, 'task.signer_added', {
      nodeId: node.id,
      taskId: task.id,
      comment: input.comment ?? null,
      details,
    });
  },

  async saveDraft(run, node, task, input: Extract<TaskActionInput, { action: 'saveDraft' }>) {
    await applyNodeEdits(run, node, input.data, false);
    await event(run, 'task.saved', { nodeId: node.id, taskId: task.id });
  },

  async read(run, node, task) {
    await settle(run, task, 'read');
    await event(run, 'task.read', { nodeId: node.id, taskId: task.id });
  },
};

/**
 * The system acts on a task (a deadline's auto-approve or auto-return): the same handlers, no
 * person behind it (the timeline shows the system). Nothing happens if the task is no longer pending.
 */
export async function actAsSystem(run: Run, taskId: string, input: TaskActionInput): Promise<boolean> {
  const task = await run.trx.selectFrom('flow_tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
  if (task?.status !== 'pending' || run.instance.status !== 'running') return false;
  const node = nodeOf(run, task.node_id);
  await HANDLERS[input.action](run, node, task, input as never);
  return true;
}
