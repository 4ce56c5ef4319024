import type { Executor } from '../db/schema';
import { newId } from '../ids';
import type { FlowVersion } from './definitions';
import { mirrorFlowState } from './finish';
import { lockRun } from './load';
import { event } from './run';
import { leave } from './step';

export interface StartInstance {
  workspaceId: string;
  formId: string;
  recordId: string;
  submitterId: string | null;
  flow: FlowVersion;
  dedupKey?: string;
  chosen?: string[];
  /** Started by a sub-flow node; with `nodeRunId`, the parent waits for it. */
  parent?: { instanceId: string; nodeRunId?: string };
}

/**
 * Creates an instance on the given version and runs it until it waits for people, in the caller's
 * transaction. The record must be locked by the caller and not in a running flow.
 */
export async function startInstance(trx: Executor, start: StartInstance): Promise<string> {
  const id = newId('ins');
  // The step's clock, at the millisecond the inbox's cursors keep (the database's now() has microseconds).
  const now = new Date();
  await trx
    .insertInto('flow_instances')
    .values({
      id,
      workspace_id: start.workspaceId,
      workflow_id: start.flow.workflowId,
      version: start.flow.version,
      form_id: start.formId,
      record_id: start.recordId,
      status: 'running',
      submitter_id: start.submitterId,
      dedup_key: start.dedupKey ?? null,
      parent_instance_id: start.parent?.instanceId ?? null,
      parent_node_run_id: start.parent?.nodeRunId ?? null,
      started_at: now,
    })
    .execute();
  const run = await lockRun(trx, start.workspaceId, id, start.submitterId, now);
  if (start.chosen) run.chosen = start.chosen;
  await mirrorFlowState(run, 'running');
  await event(
    run,
    'instance.submitted',
    start.parent ? { details: { parentInstanceId: start.parent.instanceId } } : {},
  );
  const node = start.flow.definition.nodes.find((n) => n.type === 'start')!;
  await trx
    .insertInto('flow_node_runs')
    .values({
      id: newId('nrn'),
      workspace_id: start.workspaceId,
      instance_id: id,
      node_id: node.id,
      status: 'done',
      seq: run.seq++,
      started_at: run.now,
      ended_at: run.now,
    })
    .execute();
  await leave(run, node.id);
  return id;
}
