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
