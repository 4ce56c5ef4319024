import type { FormDefinition, WorkflowDefinition, WorkflowNode } from '@forecourt/schemas';
import type { Selectable } from 'kysely';
import type { Executor, FlowInstancesTable, NodeRunStatus } from '../db/schema';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { enqueueJobs, type Job } from '../records/outbox';

export type Instance = Selectable<FlowInstancesTable>;

/**
 * One step of one instance, worked out in one transaction under the instance's row lock: what
 * the executor and every node type read and write. `jobs` and `notes` are written with the step.
 */
export interface Run {
  trx: Executor;
  instance: Instance;
  flow: WorkflowDefinition;
  form: FormDefinition;
  /** The record's data as the step sees it (after the acting task's changes). */
  data: Record<string, unknown>;
  /** Who caused the step; null for the system (timers, automatic steps). */
  actorId: string | null;
  now: Date;
  /** Approvers picked by whoever acted on the previous node (`chosenByPrevious`). */
  chosen?: string[];
  /** The next node run's place in the instance. */
  seq: number;
  /** Nodes this step must not enter any more: the branches a join "any" has just closed. */
  closed?: Set<string>;
}

export function nodeOf(run: Run, nodeId: string): WorkflowNode {
  const node = run.flow.nodes.find((n) => n.id === nodeId);
  if (!node)
    throw new DomainError('conflict', `The flow has no node ${nodeId}; it was published without it.`);
  return node;
}

export function outgoing(flow: WorkflowDefinition, nodeId: string) {
  return flow.edges.filter((e) => e.from === nodeId);
}

export function incoming(flow: WorkflowDefinition, nodeId: string) {
  return flow.edges.filter((e) => e.to === nodeId);
}

/** Nodes strictly between a parallel split and its join: what a join "any" cancels when it fires. */
export function between(flow: WorkflowDefinition, split: string, join: string): Set<string> {
  const forward = reach(split, (id) => outgoing(flow, id).map((e) => e.to));
  const backward = reach(join, (id) => incoming(flow, id).map((e) => e.from));
  return new Set([...forward].filter((id) => backward.has(id) && id !== split && id !== join));
}

/**
 * The joins "all" the flow would come to from `target` along one branch only: the other branches
 * do not run again, so such a join waits for ever unless its active run still holds their arrivals.
 */
export function strandedJoins(flow: WorkflowDefinition, target: string): string[] {
  const again = reach(target, (id) => outgoing(flow, id).map((e) => e.to));
  return flow.nodes
    .filter((n) => n.type === 'join' && n.mode === 'all' && again.has(n.id))
    .filter((n) => incoming(flow, n.id).some((e) => !again.has(e.from)))
    .map((n) => n.id);
}

/**
 * Whether a return from `current` may go to `target`: a node before it on its path, but not into
 * one branch of a parallel section whose join "all" `current` has passed (that join is done).
 */
export function mayReturn(flow: WorkflowDefinition, current: string, target: string): boolean {
  const before = reach(current, (id) => incoming(flow, id).map((e) => e.from));
  if (target === current || !before.has(target)) return false;
  return !strandedJoins(flow, target).some((join) => before.has(join));
}

/**
 * What a return to `target` takes back: the open work on it and after it, but not a join that also
 * waits for a branch the return does not run again (that branch's work, and its arrival, stand).
 */
export function returnScope(flow: WorkflowDefinition, target: string): Set<string> {
  const again = reach(target, (id) => outgoing(flow, id).map((e) => e.to));
  for (const node of flow.nodes)
    if (node.type === 'join' && incoming(flow, node.id).some((e) => !again.has(e.from)))
      again.delete(node.id);
  return again;
}

function reach(from: string, next: (id: string) => string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...next(id));
  }
  return seen;
}

export async function openNodeRun(
  run: Run,
  nodeId: string,
  status: NodeRunStatus,
  returnTo: string | null = null,
): Promise<string> {
  const id = newId('nrn');
  await run.trx
    .insertInto('flow_node_runs')
    .values({
      id,
      workspace_id: run.instance.workspace_id,
      instance_id: run.instance.id,
      node_id: nodeId,
      status,
      seq: run.seq++,
      return_to: returnTo,
      started_at: run.now,
      ended_at: status === 'active' ? null : run.now,
    })
    .execute();
  return id;
}

export async function closeNodeRun(run: Run, nodeRunId: string, status: NodeRunStatus): Promise<void> {
  await run.trx
    .updateTable('flow_node_runs')
    .set({ status, ended_at: run.now })
    .where('id', '=', nodeRunId)
    .where('status', '=', 'active')
    .execute();
}

/** A line of the instance's timeline. */
export async function event(
  run: Run,
  action: string,
  extra: {
    nodeId?: string;
    taskId?: string;
    comment?: string | null;
    details?: Record<string, unknown>;
  } = {},
): Promise<void> {
  await run.trx
    .insertInto('flow_events')
    .values({
      workspace_id: run.instance.workspace_id,
      instance_id: run.instance.id,
      node_id: extra.nodeId ?? null,
      task_id: extra.taskId ?? null,
      actor_id: run.actorId,
      action,
      comment: extra.comment ?? null,
      details: JSON.stringify(extra.details ?? {}),
      at: run.now,
    })
    .execute();
}

/** In-app notifications, written with the step (the inbox stream reads them). */
export async function notify(
  run: Run,
  userIds: readonly string[],
  kind: string,
  extra: { taskId?: string; details?: Record<string, unknown> } = {},
): Promise<void> {
  if (!userIds.length) return;
  await run.trx
    .insertInto('notifications')
    .values(
      [...new Set(userIds)].map((userId) => ({
        workspace_id: run.instance.workspace_id,
        user_id: userId,
        kind,
        instance_id: run.instance.id,
        task_id: extra.taskId ?? null,
        details: JSON.stringify({
          formId: run.instance.form_id,
          recordId: run.instance.record_id,
          ...extra.details,
        }),
        created_at: run.now,
      })),
    )
    .execute();
}

export async function schedule(run: Run, jobs: Omit<Job, 'workspaceId'>[]): Promise<void> {
  await enqueueJobs(
    run.trx,
    jobs.map((job) => ({ ...job, workspaceId: run.instance.workspace_id })),
  );
}
